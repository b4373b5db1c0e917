#!/bin/bash
# Route 1 on Slurm, step 2: merge the 100 shard files into the output folder a single run would write (byte for byte).
# tfm merge checks that the files belong to one run and cover every replicate once; if a shard is missing it names
# it (exit 2), so rerun that array task and this job.
#SBATCH --job-name=tfm-national-merge
#SBATCH --cpus-per-task=2
#SBATCH --mem=8G
#SBATCH --time=00:30:00
#SBATCH --output=logs/%x-%j.out
set -euo pipefail

tfm merge shards/national -o out/national
