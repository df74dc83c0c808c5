// Preloaded into every Azurite the project starts (scripts/lib.sh start_azurite: the run command, the test command and
// the benchmarks): Azurite finds a table's entities by partition through an index, as Table Storage does.
//
// Stock Azurite 3.37 answers every entity query by testing the filter against every entity of the table, and finds one
// entity by its key starting from its RowKey index, which many rows share ("live|profile" in every graduate's
// partition, "entry" in every registry entry's). So reading one graduate's partition cost a walk of the whole store, and
// the cost of each upload, reminder and feed row grew with the number of graduates (ADR 0027 has the measurements).
//
// This keeps, per entity collection, a map PartitionKey → RowKey → $loki id, maintained on insert and remove and built
// from the collection's data the first time it is needed (so a store loaded from disk is indexed too). It is used:
//  - by a query whose filter has `PartitionKey eq '<text>'` as one of its top-level conjuncts (parsed with Azurite's
//    own query parser): the filter, continuation, sort and limit run as before, over that partition's entities only;
//  - by a lookup of one entity by PartitionKey and RowKey.
// Every entity taken from the map is checked against its keys; one that does not match is dropped, not returned.
// Anything else (other filters, tables' own collection, an unparsable filter) goes to Azurite's code unchanged.
//
// AZURITE_INDEX_VERIFY=<file>: every indexed answer is compared with Azurite's own answer to the same call, and a
// difference is appended to <file> (the test command runs the whole suite so and fails if the file is not empty).
// SIGUSR2 switches the index off for the rest of the process's life (the operators' desk benchmark times stock Azurite).
// Outside the verify mode, LokiJS's own key indexes of an indexed collection are rebuilt when used instead of kept
// sorted on every write (indexOf says why); SIGUSR2 puts that back too. An empty or short list removal goes one
// document at a time (every queue call asked LokiJS to remove an empty list, which re-sorted all its indexes), and an
// entity is replaced where it stands instead of removed and inserted again (a removal moves the whole collection's data).
// Queues' messages and extents have their own lookups in scripts/azurite-queue-index.cjs, which uses what this exports.
'use strict';
const fs = require('fs');
const loki = require('lokijs');
const store = require('azurite/dist/src/table/persistence/LokiTableMetadataStore.js').default;
const parseQuery = require('azurite/dist/src/table/persistence/QueryInterpreter/QueryParser.js').default;
const AndNode = require('azurite/dist/src/table/persistence/QueryInterpreter/QueryNodes/AndNode.js').default;
const EqualsNode = require('azurite/dist/src/table/persistence/QueryInterpreter/QueryNodes/EqualsNode.js').default;
const IdentifierNode = require('azurite/dist/src/table/persistence/QueryInterpreter/QueryNodes/IdentifierNode.js').default;
const ConstantNode = require('azurite/dist/src/table/persistence/QueryInterpreter/QueryNodes/ConstantNode.js').default;

for (const [owner, name] of [[store.prototype, 'queryTableEntities'], [store.prototype, 'getEntityCollection'], [loki.Collection.prototype, 'findOne'],
  [loki.Collection.prototype, 'add'], [loki.Collection.prototype, 'remove'], [loki.Collection.prototype, 'update'], [loki.Collection.prototype, 'get'],
  [store.prototype, 'updateTableEntity'], [store.prototype, 'encodeIfMatch']]) {
  if (typeof owner[name] !== 'function') throw new Error(`azurite-key-lookup: ${name} not found: Azurite's internals moved (ADR 0027)`);
}

let enabled = true;
const verifyFile = process.env.AZURITE_INDEX_VERIFY || '';
const Collection = loki.Collection;
const indexes = new WeakMap(); // Collection → Map<PartitionKey, Map<RowKey, $loki>>
const relaxed = []; // collections whose LokiJS key indexes are rebuilt on use instead of kept sorted (see indexOf)

const keyed = (doc) => doc && typeof doc.PartitionKey === 'string' && typeof doc.RowKey === 'string';

function indexOf(collection) {
  let index = indexes.get(collection);
  if (index === undefined) {
    index = new Map();
    for (const doc of collection.data) {
      if (!keyed(doc)) return null; // not an entity collection
      put(index, doc);
    }
    indexes.set(collection, index);
    // LokiJS keeps its own PartitionKey and RowKey indexes sorted on every insert and delete (a binary search with
    // numeric-string comparisons and an array splice each, growing with the table). With this map answering the
    // lookups, they are only needed by Azurite's own path (other lookups, SIGUSR2, the verify mode's comparisons):
    // outside the verify mode they are marked stale on a change and rebuilt by LokiJS when next used.
    relax(collection);
  }
  return index;
}

// Outside the verify mode, a collection whose lookups are answered by a map of the preload's own keeps its LokiJS
// indexes stale on a write (flagged, rebuilt by LokiJS if a query of Azurite's own needs one) instead of sorted.
function relax(collection) {
  if (!verifyFile && collection.adaptiveBinaryIndices) {
    collection.adaptiveBinaryIndices = false;
    relaxed.push(new WeakRef(collection));
  }
}

// A relaxed collection back to LokiJS's own way (SIGUSR2, or a map that gave up).
function restore(collection) {
  collection.ensureAllIndexes(true);
  collection.adaptiveBinaryIndices = true;
}

function put(index, doc) {
  let rows = index.get(doc.PartitionKey);
  if (rows === undefined) index.set(doc.PartitionKey, rows = new Map());
  rows.set(doc.RowKey, doc.$loki);
}

function drop(index, doc, id) {
  const rows = index.get(doc.PartitionKey);
  if (rows !== undefined && rows.get(doc.RowKey) === id) {
    rows.delete(doc.RowKey);
    if (rows.size === 0) index.delete(doc.PartitionKey);
  }
}

// Entity collections only: Azurite creates them with binary indices on both keys.
const isEntityCollection = (collection) => collection.binaryIndices && collection.binaryIndices.PartitionKey && collection.binaryIndices.RowKey;

const add = Collection.prototype.add;
Collection.prototype.add = function (obj) {
  const result = add.apply(this, arguments);
  const index = indexes.get(this);
  if (index) {
    if (keyed(obj) && obj.$loki !== undefined) put(index, obj);
    else indexes.delete(this);
  }
  return result;
};

// A removal of a list of documents re-sorts every LokiJS index of the collection from scratch. Azurite asks for one on
// every queue call (its expired messages, almost always none) and for each extent its clean-up deletes (one), so on a
// busy queue each call re-sorted the messages' four indexes and each clean-up the extents' one (a CPU profile of the
// feed benchmark at 20,000 rows: over half of Azurite's time). An empty list removes nothing; a short one is removed
// a document at a time, which keeps the indexes sorted as a single removal does. The documents removed are the same.
const SHORT_BATCH = 16;
const stored = (collection, doc) => doc !== null && typeof doc === 'object' && doc.$loki !== undefined && collection.get(doc.$loki) === doc;

const remove = Collection.prototype.remove;
Collection.prototype.remove = function (doc) {
  if (enabled && Array.isArray(doc) && doc.length <= SHORT_BATCH) {
    const docs = doc.slice();
    if (docs.every((each) => stored(this, each)) && new Set(docs).size === docs.length) {
      for (const each of docs) this.remove(each);
      return;
    }
  }
  const index = indexes.get(this);
  if (index && doc && typeof doc === 'object' && !Array.isArray(doc) && keyed(doc)) {
    const id = doc.$loki; // LokiJS deletes $loki (and meta) from the document it removes
    const result = remove.apply(this, arguments);
    drop(index, doc, id);
    return result;
  }
  indexes.delete(this); // batches, ids: rebuilt when next needed
  return remove.apply(this, arguments);
};

const update = Collection.prototype.update;
Collection.prototype.update = function (doc) {
  if (indexes.has(this) && doc && !Array.isArray(doc) && doc.$loki !== undefined) {
    const before = this.get(doc.$loki);
    if (!before || before.PartitionKey !== doc.PartitionKey || before.RowKey !== doc.RowKey) indexes.delete(this);
  } else {
    indexes.delete(this);
  }
  return update.apply(this, arguments);
};

for (const name of ['clear', 'rollback', 'removeBatchByPositions', 'removeWhere', 'findAndRemove', 'findAndUpdate', 'updateWhere']) {
  const original = Collection.prototype[name];
  if (typeof original !== 'function') continue;
  Collection.prototype[name] = function () {
    indexes.delete(this);
    const result = original.apply(this, arguments);
    indexes.delete(this);
    return result;
  };
}

// The entities the map holds for one partition, checked against their keys, with their positions in data.
function partitionRows(collection, index, partitionKey) {
  const rows = index.get(partitionKey);
  const positions = [];
  if (rows === undefined) return positions;
  for (const [rowKey, id] of rows) {
    const found = collection.get(id, true);
    if (found && found[0].PartitionKey === partitionKey && found[0].RowKey === rowKey) positions.push(found[1]);
    else rows.delete(rowKey);
  }
  return positions;
}

// `PartitionKey eq '<text>'` as a conjunct of the whole filter, or undefined.
function partitionOf(node) {
  if (node instanceof AndNode) return partitionOf(node.left) ?? partitionOf(node.right);
  if (node instanceof EqualsNode) {
    const [id, value] = node.left instanceof IdentifierNode ? [node.left, node.right] : [node.right, node.left];
    if (id instanceof IdentifierNode && id.identifier === 'PartitionKey' && value instanceof ConstantNode && typeof value.value === 'string') {
      return value.value;
    }
  }
  return undefined;
}

function filterPartition(filter) {
  if (typeof filter !== 'string' || filter === '') return undefined;
  try {
    return partitionOf(parseQuery(filter));
  } catch {
    return undefined; // Azurite's own code answers the invalid filter
  }
}

function report(what, indexed, stock) {
  const line = JSON.stringify({ at: new Date().toISOString(), what, indexed, stock }) + '\n';
  try { fs.appendFileSync(verifyFile, line); } catch { process.stderr.write(line); }
}

const ids = (docs) => (docs || []).map((doc) => `${doc.PartitionKey}\u0000${doc.RowKey}\u0000${doc.$loki}`);

const query = store.prototype.queryTableEntities;
store.prototype.queryTableEntities = function (context, account, table, queryOptions) {
  const partitionKey = enabled ? filterPartition(queryOptions && queryOptions.filter) : undefined;
  if (partitionKey === undefined) return query.apply(this, arguments);
  const own = Object.prototype.hasOwnProperty.call(this, 'getEntityCollection');
  const getEntityCollection = this.getEntityCollection;
  let narrowed = false;
  this.getEntityCollection = function () {
    const collection = getEntityCollection.apply(this, arguments);
    const index = isEntityCollection(collection) && !collection.cloneObjects ? indexOf(collection) : null;
    if (!index) return collection;
    narrowed = true;
    return {
      chain() {
        const result = collection.chain();
        result.filteredrows = partitionRows(collection, index, partitionKey);
        result.filterInitialized = true;
        return result;
      },
    };
  };
  let answer;
  try {
    answer = query.apply(this, arguments); // runs to its end synchronously: the collection is read before any await
  } finally {
    if (own) this.getEntityCollection = getEntityCollection; else delete this.getEntityCollection;
  }
  if (!verifyFile || !narrowed) return answer;
  const args = arguments;
  return Promise.all([answer, query.apply(this, args)]).then(([indexed, stock]) => {
    const a = ids(indexed[0]), b = ids(stock[0]);
    if (a.join('\n') !== b.join('\n') || indexed[1] !== stock[1] || indexed[2] !== stock[2]) {
      report({ query: queryOptions.filter, table }, { rows: a, next: [indexed[1], indexed[2]] }, { rows: b, next: [stock[1], stock[2]] });
    }
    return indexed;
  });
};

const findOne = Collection.prototype.findOne;
Collection.prototype.findOne = function (query) {
  if (enabled && query && typeof query === 'object' && Object.keys(query).length === 2
    && typeof query.PartitionKey === 'string' && typeof query.RowKey === 'string'
    && isEntityCollection(this) && !this.cloneObjects) {
    const index = indexOf(this);
    if (index) {
      const id = index.get(query.PartitionKey)?.get(query.RowKey);
      let doc = id === undefined ? null : this.get(id);
      if (doc && (doc.PartitionKey !== query.PartitionKey || doc.RowKey !== query.RowKey)) {
        index.get(query.PartitionKey).delete(query.RowKey);
        doc = null;
      }
      if (verifyFile) {
        const stock = findOne.call(this, query);
        if (stock !== doc) report({ findOne: query }, ids(doc ? [doc] : []), ids(stock ? [stock] : []));
      }
      return doc;
    }
  }
  return findOne.call(this, query);
};

// An entity's replacement (Update or Upsert in Replace mode, alone or in a transaction): stock Azurite removes the stored
// document and inserts the new one, and LokiJS's removal splices the collection's data and id arrays — a move of every
// later entity on each replacement (22 % of Azurite's CPU at the feed benchmark's full size, with millions of entities
// in one collection). Here the new document takes the stored one's place (LokiJS's update: same position, same $loki,
// indexes kept), after the same checks. The stored document is not touched, so a failed transaction's rollback
// (Azurite's rollbackEntityChanges, from the document kept in transactionRollbackTheseEntities) restores it as before.
// A missing entity or an ETag that does not match goes to Azurite's own code, which answers the error as stock does.
const updateEntity = store.prototype.updateTableEntity;
store.prototype.updateTableEntity = async function (context, table, account, entity, ifMatch, batchId) {
  if (!enabled) return updateEntity.apply(this, arguments);
  const coll = this.getEntityCollection(account, table, context);
  const doc = coll.cloneObjects ? null : coll.findOne({ RowKey: entity.RowKey, PartitionKey: entity.PartitionKey });
  const encodedIfMatch = ifMatch === undefined ? undefined : this.encodeIfMatch(ifMatch);
  if (!doc || !(encodedIfMatch === undefined || encodedIfMatch === '*' || this.encodeIfMatch(doc.eTag) === encodedIfMatch)) {
    return updateEntity.apply(this, arguments);
  }
  if (batchId !== '') this.transactionRollbackTheseEntities.push(doc);
  entity.properties.Timestamp = entity.lastModifiedTime;
  entity.properties['Timestamp@odata.type'] = 'Edm.DateTime';
  entity.$loki = doc.$loki;
  entity.meta = { ...doc.meta };
  coll.update(entity);
  if (verifyFile) {
    const found = findOne.call(coll, { PartitionKey: entity.PartitionKey, RowKey: entity.RowKey });
    if (found !== entity) report({ replace: { table, PartitionKey: entity.PartitionKey, RowKey: entity.RowKey } }, ids([entity]), ids(found ? [found] : []));
  }
  return entity;
};

process.on('SIGUSR2', () => {
  enabled = false;
  for (const ref of relaxed.splice(0)) {
    const collection = ref.deref();
    if (collection) restore(collection);
  }
});

module.exports = { enabled: () => enabled, verifyFile, relax, restore, report, stored, findOne };
