using System.Linq.Expressions;
using System.Reflection;
using LlmOps.Dsl;

namespace LlmOps.Packaging;

/// <summary>A packaging stage's own settings, offered right after <c>.Packages(...)</c>.</summary>
public sealed class PackagingDefinition : StageKindDefinition
{
    private readonly PackagingFeature _feature;

    internal PackagingDefinition(IStageDefinition stage, PackagingFeature feature)
        : base(stage) => _feature = feature;

    /// <summary>The package's name (<c>support-intent</c>); the model artifact's name by default.</summary>
    public PackagingDefinition Named(string name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
        {
            throw new ArgumentException($"package name '{name}' must be letters, digits, '-', '_' or '.'", nameof(name));
        }

        _feature.Name = name;
        return this;
    }

    /// <summary>Declares the model card's fields (intended use, limitations, licence, tags, task) and which are required.</summary>
    public PackagingDefinition ModelCard(Action<ModelCardSpec> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        configure(_feature.Card);
        return this;
    }

    /// <summary>Includes <paramref name="artifacts"/> (a verdict, a validation report) under <c>evidence/&lt;artifact name&gt;/</c>; the stage consumes them.</summary>
    public PackagingDefinition Evidence(params ArtifactRef[] artifacts)
    {
        ArgumentNullException.ThrowIfNull(artifacts);
        foreach (var artifact in artifacts.Where(a => !_feature.Evidence.Contains(a)))
        {
            _feature.Evidence.Add(artifact);
            Stage.Consumes(artifact);
        }

        return this;
    }

    /// <summary>
    /// A dataset the model was made from, hashed into the BOM and the provenance, with its licence and, when given, the
    /// validation report included under <c>evidence/validation/&lt;dataset&gt;/</c>; the stage consumes both.
    /// </summary>
    public PackagingDefinition Datasets(Artifact<DatasetArtifact> dataset, string? license = null, ArtifactRef? validation = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        _feature.Datasets.Add((dataset, license, validation));
        Stage.Consumes(dataset);
        if (validation is not null)
        {
            Stage.Consumes(validation);
        }

        return this;
    }

    /// <summary>The base model the model was trained from: its name, the revision used, its licence.</summary>
    public PackagingDefinition BaseModel(string name, string revision, string? license = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(revision);
        _feature.BaseModel = new BaseModelInput(name, revision, license);
        return this;
    }

    /// <summary>The image the model was trained in, pinned by digest (<c>ghcr.io/acme/trainer@sha256:…</c>).</summary>
    public PackagingDefinition TrainerImage(string image)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(image);
        _feature.TrainerImage = image;
        return this;
    }

    /// <summary>A framework or package the model was made with, for the BOM (<c>Microsoft.ML</c>, <c>5.0.1</c>).</summary>
    public PackagingDefinition Framework(string name, string version)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        _feature.Frameworks.Add(new(name, version));
        return this;
    }

    /// <summary>
    /// Parameters the model was trained with (<c>() =&gt; Epochs</c>): written in the card and, as the provenance's
    /// external parameters, signed. A <c>[Secret]</c> parameter is refused: provenance is public.
    /// </summary>
    /// <exception cref="ArgumentException">A parameter is a secret, or the expression is not a parameter.</exception>
    public PackagingDefinition TrainingParameters(params Expression<Func<object?>>[] parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        foreach (var parameter in parameters)
        {
            var member = Member(parameter.Body);
            if (member.GetCustomAttribute<SecretAttribute>() is not null)
            {
                throw new ArgumentException($"{member.Name} is a [Secret] parameter and cannot be recorded in the model card or the provenance", nameof(parameters));
            }

            _feature.TrainingParameters.Add((member.Name, parameter.Compile()));
        }

        Stage.UsesParameters(parameters);
        return this;
    }

    /// <summary>Signs with the PEM private key held by a <c>[Secret]</c> parameter (<c>() =&gt; SigningKey</c>); when it is empty, the key file or local keys are used.</summary>
    public PackagingDefinition SignedWith(Expression<Func<string>> secretParameter)
    {
        ArgumentNullException.ThrowIfNull(secretParameter);
        var member = Member(secretParameter.Body);
        if (member.GetCustomAttribute<SecretAttribute>() is null)
        {
            throw new ArgumentException($"{member.Name} holds a private key, so it must be a [Secret] parameter (masked in logs, from the secret store in CI)", nameof(secretParameter));
        }

        _feature.SigningKeyPem = secretParameter.Compile();
        Stage.UsesParameters(Expression.Lambda<Func<object?>>(secretParameter.Body));
        return this;
    }

    /// <summary>Signs with the PEM private key in <paramref name="path"/> (relative to the repository root; keep it out of git).</summary>
    public PackagingDefinition SignedWithKeyFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        _feature.KeyFile = path;
        return this;
    }

    /// <summary>
    /// Publishes the package to an OCI registry after signing it: <paramref name="repository"/> reads a parameter
    /// holding <c>registry/repository</c> (<c>ghcr.io/acme/support-intent</c>, <c>127.0.0.1:5000/support-intent</c>).
    /// When the parameter is empty the stage says so and publishes nothing, so a clone without a registry still runs.
    /// With <paramref name="modelcar"/> the model is also pushed as an image with its files under <c>/models/</c>.
    /// </summary>
    public PackagingDefinition PublishesTo(Expression<Func<string>> repository, bool modelcar = false)
    {
        ArgumentNullException.ThrowIfNull(repository);
        var member = Member(repository.Body);
        _feature.Publishing = new PublishingSpec(member.Name, repository.Compile(), modelcar);
        Stage.UsesParameters(Expression.Lambda<Func<object?>>(Expression.Convert(repository.Body, typeof(object))));
        return this;
    }

    /// <summary>The login for <see cref="PublishesTo"/>'s registry: a user name parameter and a <c>[Secret]</c> password or token parameter.</summary>
    public PackagingDefinition RegistryLogin(Expression<Func<string>> username, Expression<Func<string>> secretPassword)
    {
        ArgumentNullException.ThrowIfNull(username);
        ArgumentNullException.ThrowIfNull(secretPassword);
        var publishing = _feature.Publishing ?? throw new InvalidOperationException(".RegistryLogin(...) comes after .PublishesTo(...): it is the login for that registry");
        var member = Member(secretPassword.Body);
        if (member.GetCustomAttribute<SecretAttribute>() is null)
        {
            throw new ArgumentException($"{member.Name} holds a registry password, so it must be a [Secret] parameter", nameof(secretPassword));
        }

        _feature.Publishing = publishing with { Username = username.Compile(), Password = secretPassword.Compile() };
        Stage.UsesParameters(Expression.Lambda<Func<object?>>(Expression.Convert(username.Body, typeof(object))), Expression.Lambda<Func<object?>>(Expression.Convert(secretPassword.Body, typeof(object))));
        return this;
    }

    /// <summary>Writes the package (archive, provenance, record) into <paramref name="package"/>, which the stage produces.</summary>
    public PackagingDefinition Produces(Artifact<PackageArtifact> package)
    {
        _feature.Package = package ?? throw new ArgumentNullException(nameof(package));
        Stage.Produces(package);
        return this;
    }

    private static MemberInfo Member(Expression body) => body switch
    {
        UnaryExpression { NodeType: ExpressionType.Convert } convert => Member(convert.Operand),
        MemberExpression member => member.Member,
        _ => throw new ArgumentException($"'{body}' is not a parameter; write () => ParameterName"),
    };
}
