"""Downloads a base model snapshot into an output artifact (the only stage that needs the network)."""
import argparse
import json
import os

from llmops_sft.common import fail

TEMPORARY_FAILURE = 75  # EX_TEMPFAIL: the pipeline retries this exit code


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", required=True)
    parser.add_argument("--revision", default="main")
    parser.add_argument("--output", required=True)
    args = parser.parse_args()

    from huggingface_hub import snapshot_download
    from huggingface_hub.utils import GatedRepoError, RepositoryNotFoundError

    try:
        path = snapshot_download(
            repo_id=args.model,
            revision=args.revision,
            local_dir=args.output,
            token=os.environ.get("HF_TOKEN") or None,
            allow_patterns=["*.json", "*.safetensors", "*.txt", "*.model", "*.jinja", "*.tiktoken"],
        )
    except (GatedRepoError, RepositoryNotFoundError) as e:
        fail(f"cannot download {args.model}@{args.revision}: {type(e).__name__} (set --hf-token for gated models)")
    except OSError as e:
        fail(f"network error downloading {args.model}: {e}", TEMPORARY_FAILURE)

    # The download cache is not part of the artifact.
    cache = os.path.join(args.output, ".cache")
    if os.path.isdir(cache):
        import shutil

        shutil.rmtree(cache)
    with open(os.path.join(args.output, "llmops-source.json"), "w", encoding="utf-8") as f:
        json.dump({"model": args.model, "revision": args.revision}, f)
    print(f"downloaded {args.model}@{args.revision} to {path}")


if __name__ == "__main__":
    main()
