"""Cluster: the pipeline past one machine, on Dask, into Parquet shards of canonical records.

``extract_to_parquet`` cuts the inputs (page files, folders, globs, zips, JSONL, JSON,
CSV and Parquet data files; local or at any fsspec URL) into partitions, maps
``run_partition`` over them on a Dask cluster (a ``LocalCluster`` when no scheduler
address is given) and writes one Parquet shard of canonical records a partition and a
manifest (``ingest.shards`` describes both; ``reviewer import`` reads them back without
running the pipeline again). A partition that fails is reported with its inputs and
error in the ``ClusterReport`` and the manifest; the others are written.

``extract_pages`` is the pipeline as a pure function over a partition, ``(source, page,
kind)`` tuples in and canonical records out, for any engine that maps a function over
partitions (Spark's ``mapPartitions``: see the README); ``write_shard`` writes such
records as a shard, ``shard_table`` makes its table. The top layer: it uses the
pipeline and ingest's readers. Dask, distributed, fsspec and pyarrow are the optional
``cluster`` extra, imported when a run starts.

Public API: ``extract_to_parquet``, ``ClusterReport``, ``SchedulerError`` (a scheduler
that cannot be used, said in a sentence), ``FolderInUse`` (another run is writing
into the output folder: one run at a time), ``ShardResult``,
``PartitionFailure``, ``PARTITION_SIZE``, ``extract_pages``, ``shard_table``,
``run_partition``, ``write_shard``, ``partitions``, ``Part``, ``Piece``,
``is_url`` and ``local_path`` (where a path or URL is),
``NEEDS_CLUSTER``.
"""

from __future__ import annotations

from reviewer.core.cluster.client import SchedulerError
from reviewer.core.cluster.folder_lock import FolderInUse
from reviewer.core.cluster.inputs import Part, Piece, is_url, local_path, partitions
from reviewer.core.cluster.pages import extract_pages
from reviewer.core.cluster.run import (
    PARTITION_SIZE,
    ClusterReport,
    PartitionFailure,
    ShardResult,
    extract_to_parquet,
    run_partition,
    write_shard,
)
from reviewer.core.ingest.shards import shard_table

NEEDS_CLUSTER = ("running on Dask needs the cluster extra: "
                 "pip install 'posting-reviewer[cluster]'")

__all__ = [
    "NEEDS_CLUSTER",
    "PARTITION_SIZE",
    "ClusterReport",
    "FolderInUse",
    "Part",
    "PartitionFailure",
    "Piece",
    "SchedulerError",
    "ShardResult",
    "extract_pages",
    "extract_to_parquet",
    "is_url",
    "local_path",
    "partitions",
    "run_partition",
    "shard_table",
    "write_shard",
]
