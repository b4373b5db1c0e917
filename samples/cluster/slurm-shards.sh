#!/bin/bash
# Route 1 on Slurm: 10^5 national replicates as a job array of 100 shards, then one merge job.
#   jid=$(sbatch --parsable samples/cluster/slurm-shards.sh)
#   sbatch --dependency=afterok:$jid samples/cluster/slurm-merge.sh      (runs once every task has succeeded)
# Each array task runs shard $SLURM_ARRAY_TASK_ID of 100 (--shard auto/100 reads it) and writes
# shards/national/shard-IIII-of-0100.tfmshard; a failed task is simply run again (sbatch --array=17 ...).
# Keep --array=0-(N-1) and auto/N in step: tfm refuses an index outside 0..N-1.
#SBATCH --job-name=tfm-national
#SBATCH --array=0-99
#SBATCH --cpus-per-task=8
#SBATCH --mem=4G
#SBATCH --time=01:00:00
#SBATCH --output=logs/%x-%A_%a.out
set -euo pipefail

tfm run scenarios/national.json --replicates 100000 --seed 20030401 --shard auto/100 --threads "$SLURM_CPUS_PER_TASK" --out shards/national

