namespace LlmOps.Tracking.Tests.Contract.FakeMlflow;

/// <summary>The real server versions the transcripts were recorded against.</summary>
public enum MlflowServerVersion
{
    V2_10_2,
    V2_17_2,
    V3_6,
}
