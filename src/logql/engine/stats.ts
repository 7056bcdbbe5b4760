/**
 * Loki's v3 `stats` object (every key Grafana reads). Only what Watchpost
 * measures is non-zero: lines/bytes processed, post-filter lines, entries
 * returned and the execution time.
 */
export interface QueryStats {
  /** Seconds spent executing the query. */
  readonly execTimeSeconds: number;
  readonly linesProcessed: number;
  readonly bytesProcessed: number;
  readonly postFilterLines: number;
  readonly entriesReturned: number;
}

export const emptyQueryStats: QueryStats = {
  execTimeSeconds: 0,
  linesProcessed: 0,
  bytesProcessed: 0,
  postFilterLines: 0,
  entriesReturned: 0,
};

function encodeStoreStats(stats: QueryStats): object {
  return {
    totalChunksRef: 0,
    totalChunksDownloaded: 0,
    chunksDownloadTime: 0,
    queryReferencedStructuredMetadata: false,
    chunkRefsFetchTime: 0,
    congestionControlLatency: 0,
    pipelineWrapperFilteredLines: 0,
    chunk: {
      headChunkBytes: stats.bytesProcessed,
      headChunkLines: stats.linesProcessed,
      decompressedBytes: 0,
      decompressedLines: 0,
      compressedBytes: 0,
      totalDuplicates: 0,
      postFilterLines: stats.postFilterLines,
      headChunkStructuredMetadataBytes: 0,
      decompressedStructuredMetadataBytes: 0,
    },
  };
}

function emptyCache(): object {
  return {
    entriesFound: 0,
    entriesRequested: 0,
    entriesStored: 0,
    bytesReceived: 0,
    bytesSent: 0,
    requests: 0,
    downloadTime: 0,
    queryLengthServed: 0,
  };
}

/** The `stats` JSON object, in Loki's key order. */
export function encodeStats(stats: QueryStats): object {
  const seconds = stats.execTimeSeconds;
  return {
    summary: {
      bytesProcessedPerSecond: seconds > 0 ? Math.trunc(stats.bytesProcessed / seconds) : 0,
      linesProcessedPerSecond: seconds > 0 ? Math.trunc(stats.linesProcessed / seconds) : 0,
      totalBytesProcessed: stats.bytesProcessed,
      totalLinesProcessed: stats.linesProcessed,
      execTime: seconds,
      queueTime: 0,
      subqueries: 0,
      totalEntriesReturned: stats.entriesReturned,
      splits: 0,
      shards: 0,
      totalPostFilterLines: stats.postFilterLines,
      totalStructuredMetadataBytesProcessed: 0,
    },
    querier: { store: encodeStoreStats(emptyQueryStats) },
    ingester: {
      totalReached: 1,
      totalChunksMatched: 0,
      totalBatches: 0,
      totalLinesSent: stats.postFilterLines,
      store: encodeStoreStats(stats),
    },
    cache: {
      chunk: emptyCache(),
      index: emptyCache(),
      result: emptyCache(),
      statsResult: emptyCache(),
      volumeResult: emptyCache(),
      seriesResult: emptyCache(),
      labelResult: emptyCache(),
      instantMetricResult: emptyCache(),
    },
    index: { totalChunks: 0, postFilterChunks: 0, shardsDuration: 0, usedBloomFilters: false },
  };
}
