// Preloaded into the benchmarks' Azurite only (scripts/bench-operator-desk.sh, scripts/bench-reminders.sh): a point lookup of an entity by
// PartitionKey and RowKey starts from whichever of Azurite's two key indexes matches fewer entities.
// Azurite always starts from RowKey and then filters every entity with that row key: every graduate's profile
// has the row key "live|profile", so each insert or point read of a profile walked all the profiles so far and
// seeding 100,000 of them was quadratic (measured: 13.5 s for the first 10,000, 36.9 s for the second).
// Table Storage finds an entity by its full key in one index lookup; this brings the emulator closer to it.
// Queries (key ranges, filters) are untouched. SIGUSR2 puts Azurite's own lookup back for the rest of the process's
// life (the operators' desk benchmark times its searches again on stock Azurite over the same data).
'use strict';
const loki = require('lokijs');

const findOne = loki.Collection.prototype.findOne;
loki.Collection.prototype.findOne = function (query) {
  if (query && typeof query === 'object' && Object.keys(query).length === 2 && 'PartitionKey' in query && 'RowKey' in query
    && this.binaryIndices.PartitionKey && this.binaryIndices.RowKey && this.data.length > 0) {
    const width = (property) => {
      const [low, high] = this.calculateRange('$eq', property, query[property]);
      return high - low;
    };
    const partitionFirst = width('PartitionKey') < width('RowKey');
    return findOne.call(this, partitionFirst
      ? { PartitionKey: query.PartitionKey, RowKey: query.RowKey }
      : { RowKey: query.RowKey, PartitionKey: query.PartitionKey });
  }
  return findOne.call(this, query);
};

process.on('SIGUSR2', () => {
  loki.Collection.prototype.findOne = findOne;
});
