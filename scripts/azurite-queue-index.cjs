// Preloaded with scripts/azurite-key-lookup.cjs into every Azurite the project starts (scripts/lib.sh start_azurite):
// Azurite's queues answer a receive, a delete and an update of a message, and its extents (every message body and
// every blob's data) their lookups, without walking or re-sorting the whole store (ADR 0027, its fourth addendum).
//
// Stock Azurite 3.37 keeps every message of every queue in one LokiJS collection with four binary indexes. A receive
// filtered and sorted the queue's whole backlog; a receive's update and a delete walked each of the four indexes from
// end to end (LokiJS's adaptive index update scans for the document's position); an extent's lookup and deletion did
// the same on the extents' index, and the clean-up that drops deleted messages' bodies deletes them one by one. So the
// cost of every message grew with the backlog: the feed benchmark's 146,000 queued e-mails drained at 30–47 a second.
//
// Here, per messages collection, each queue keeps its messages by id and a heap of (timeNextVisible, $loki) entries:
// a put or an update of a message adds an entry, and an entry whose message was removed or has moved is dropped when
// it reaches the top. A receive takes the first visible valid entries, the same messages in the same order stock's
// sort gives. Per extents collection, a map id → document answers the lookups by id, and the clean-up removes its
// extents in one batch. These maps are built from the collection's data when first needed (a store loaded from disk
// is covered), kept on each add, update and single removal, and dropped on any other change (rebuilt when next used).
// With the maps answering, the collections' LokiJS indexes are left stale on writes outside the verify mode.
// AZURITE_INDEX_VERIFY=<file>: each answer is compared with Azurite's own; SIGUSR2 switches all of it off.
'use strict';
const loki = require('lokijs');
const shared = require('./azurite-key-lookup.cjs');
const queues = require('azurite/dist/src/queue/persistence/LokiQueueMetadataStore.js').default;
const extents = require('azurite/dist/src/common/persistence/LokiExtentMetadataStore.js').default;
const memoryExtents = require('azurite/dist/src/common/persistence/MemoryExtentStore.js').default;

for (const [owner, name] of [[queues.prototype, 'getMessages'], [queues.prototype, 'deleteMessage'], [queues.prototype, 'updateMessage'],
  [queues.prototype, 'checkQueueExist'], [queues.prototype, 'clearExpiredMessages'], [queues.prototype, 'messageCopy'],
  [extents.prototype, 'deleteExtent'], [extents.prototype, 'updateExtent'], [extents.prototype, 'getExtentLocationId'],
  [memoryExtents.prototype, 'deleteExtents'], [loki.Collection.prototype, 'removeBatchByPositions']]) {
  if (typeof owner[name] !== 'function') throw new Error(`azurite-queue-index: ${name} not found: Azurite's internals moved (ADR 0027)`);
}

const { verifyFile, report, findOne } = shared;
const Collection = loki.Collection;
const queueKey = (account, queue) => `${account}\u0000${queue}`;

// ---- Each queue's messages: by id, and a heap of (timeNextVisible, $loki) ----

const messageMaps = new WeakMap(); // messages collection → Map<account \0 queue, { byId: Map<messageId, doc>, heap }>, or null: gave up

const earlier = (a, b) => a.time < b.time || (a.time === b.time && a.id < b.id);
function heapPush(heap, entry) {
  let at = heap.length;
  heap.push(entry);
  while (at > 0) {
    const parent = (at - 1) >> 1;
    if (!earlier(heap[at], heap[parent])) break;
    [heap[at], heap[parent]] = [heap[parent], heap[at]];
    at = parent;
  }
}
function heapPop(heap) {
  const top = heap[0];
  const last = heap.pop();
  if (heap.length > 0) {
    heap[0] = last;
    for (let at = 0; ;) {
      const left = 2 * at + 1, right = left + 1;
      let least = at;
      if (left < heap.length && earlier(heap[left], heap[least])) least = left;
      if (right < heap.length && earlier(heap[right], heap[least])) least = right;
      if (least === at) break;
      [heap[at], heap[least]] = [heap[least], heap[at]];
      at = least;
    }
  }
  return top;
}

const isMessage = (doc) => doc !== null && typeof doc === 'object' && typeof doc.accountName === 'string' && typeof doc.queueName === 'string'
  && typeof doc.messageId === 'string' && typeof doc.timeNextVisible === 'number' && typeof doc.$loki === 'number';

// Adds (or, after an update, re-adds) a stored message; `previous` is the document it replaces, if any. False when the
// message is not of the shape expected or another stored document has its id: the maps then give up on the collection.
function track(queuesOfColl, doc, previous) {
  if (!isMessage(doc)) return false;
  const key = queueKey(doc.accountName, doc.queueName);
  let state = queuesOfColl.get(key);
  if (state === undefined) queuesOfColl.set(key, state = { byId: new Map(), heap: [] });
  const known = state.byId.get(doc.messageId);
  if (known !== undefined && known !== doc && known !== previous) return false;
  state.byId.set(doc.messageId, doc);
  heapPush(state.heap, { time: doc.timeNextVisible, id: doc.$loki, doc });
  return true;
}

function untrack(queuesOfColl, doc) {
  const state = queuesOfColl.get(queueKey(doc.accountName, doc.queueName));
  if (state !== undefined && state.byId.get(doc.messageId) === doc) {
    state.byId.delete(doc.messageId);
    if (state.byId.size === 0) queuesOfColl.delete(queueKey(doc.accountName, doc.queueName)); // its stale entries go with it
  }
}

function messagesOf(coll) {
  let queuesOfColl = messageMaps.get(coll);
  if (queuesOfColl === undefined) {
    queuesOfColl = new Map();
    for (const doc of coll.data) {
      if (!track(queuesOfColl, doc, undefined)) { queuesOfColl = null; break; }
    }
    messageMaps.set(coll, queuesOfColl);
    if (queuesOfColl) shared.relax(coll);
  }
  return queuesOfColl;
}

function giveUp(maps, coll) {
  maps.set(coll, null);
  if (!coll.adaptiveBinaryIndices && !verifyFile) shared.restore(coll);
}

// ---- Extents: id → document ----

const extentMaps = new WeakMap(); // extents collection → Map<id, doc>, or null: gave up

function extentsOf(coll) {
  let byId = extentMaps.get(coll);
  if (byId === undefined) {
    byId = new Map();
    for (const doc of coll.data) {
      if (!trackExtent(byId, doc)) { byId = null; break; }
    }
    extentMaps.set(coll, byId);
    if (byId) shared.relax(coll);
  }
  return byId;
}

// Adds a stored extent; false when it has no id or another stored extent has it (the map then gives up).
function trackExtent(byId, doc) {
  if (typeof doc.id !== 'string' || byId.has(doc.id)) return false;
  byId.set(doc.id, doc);
  return true;
}

// ---- Keeping the maps with the collections ----

const add = Collection.prototype.add;
Collection.prototype.add = function (obj) {
  const result = add.apply(this, arguments);
  const queuesOfColl = messageMaps.get(this);
  if (queuesOfColl && !track(queuesOfColl, obj, undefined)) giveUp(messageMaps, this);
  const byId = extentMaps.get(this);
  if (byId && !trackExtent(byId, obj)) giveUp(extentMaps, this);
  noteExpiry(this, obj);
  return result;
};

const update = Collection.prototype.update;
Collection.prototype.update = function (doc) {
  const queuesOfColl = messageMaps.get(this), byId = extentMaps.get(this);
  if (!queuesOfColl && !byId) return update.apply(this, arguments);
  if (Array.isArray(doc)) return update.apply(this, arguments); // LokiJS updates a list one document at a time, through here
  const previous = doc && doc.$loki !== undefined ? this.get(doc.$loki) : null;
  const result = update.apply(this, arguments);
  if (queuesOfColl) {
    if (previous && previous !== doc) untrack(queuesOfColl, previous);
    if (!track(queuesOfColl, doc, previous)) giveUp(messageMaps, this);
  }
  if (byId) {
    if (previous && byId.get(previous.id) === previous) byId.delete(previous.id);
    if (!trackExtent(byId, doc)) giveUp(extentMaps, this);
  }
  return result;
};

const remove = Collection.prototype.remove;
Collection.prototype.remove = function (doc) {
  const queuesOfColl = messageMaps.get(this), byId = extentMaps.get(this);
  const one = typeof doc === 'number' ? this.get(doc) : doc !== null && typeof doc === 'object' && !Array.isArray(doc) ? doc : null; // LokiJS also removes by $loki
  const id = one ? one.id : undefined;
  const result = remove.apply(this, arguments); // a list goes through removeBatchByPositions, which drops the maps
  if (one && queuesOfColl && messageMaps.get(this) === queuesOfColl) untrack(queuesOfColl, one);
  if (one && byId && extentMaps.get(this) === byId && byId.get(id) === one) byId.delete(id);
  return result;
};

for (const name of ['clear', 'rollback', 'removeBatchByPositions', 'removeWhere', 'findAndRemove', 'findAndUpdate', 'updateWhere']) {
  const original = Collection.prototype[name];
  if (typeof original !== 'function') continue;
  Collection.prototype[name] = function () {
    const result = original.apply(this, arguments);
    if (messageMaps.get(this)) messageMaps.delete(this); // rebuilt from the data when next needed
    if (extentMaps.get(this)) extentMaps.delete(this);
    return result;
  };
}

// ---- Queues ----

// A receive: the queue's first `wanted` visible messages in (timeNextVisible, $loki) order, taken from its heap.
// An entry is valid while its message is stored under its id with the entry's time; an invalid one is dropped.
function firstVisible(coll, account, queue, queryTime, wanted) {
  const queuesOfColl = messagesOf(coll);
  if (!queuesOfColl) return null;
  const state = queuesOfColl.get(queueKey(account, queue));
  const docs = [];
  if (state === undefined) return docs;
  const heap = state.heap, taken = new Set();
  while (docs.length < wanted && heap.length > 0 && heap[0].time <= queryTime) {
    const entry = heapPop(heap);
    const doc = entry.doc;
    if (state.byId.get(doc.messageId) !== doc || doc.timeNextVisible !== entry.time || doc.$loki !== entry.id || taken.has(doc)) continue;
    taken.add(doc);
    docs.push(doc);
  }
  return docs;
}

// The walk kept when the maps gave up: the queue's messages (LokiJS's queueName index) once, keeping the first n.
const before = (a, b) => a.timeNextVisible < b.timeNextVisible || (a.timeNextVisible === b.timeNextVisible && a.$loki < b.$loki);
function firstVisibleByWalk(coll, account, queue, queryTime, wanted) {
  const docs = [];
  for (const doc of coll.find({ queueName: queue })) {
    if (doc.queueName !== queue || doc.accountName !== account || !(doc.timeNextVisible <= queryTime)) continue; // LokiJS's index matches '123' to '0123'
    if (docs.length === wanted && !before(doc, docs[wanted - 1])) continue;
    let at = docs.length === wanted ? wanted - 1 : docs.length;
    while (at > 0 && before(doc, docs[at - 1])) { docs[at] = docs[at - 1]; at--; }
    docs[at] = doc;
  }
  return docs;
}

const getMessages = queues.prototype.getMessages;
queues.prototype.getMessages = async function (account, queue, timeNextVisible, popReceipt, numOfMessages, queryDate, context) {
  if (!shared.enabled()) return getMessages.apply(this, arguments);
  this.checkQueueExist(account, queue, context);
  this.clearExpiredMessages(account, queue, context);
  const coll = this.db.getCollection(this.MESSAGES_COLLECTION);
  const queryTime = queryDate ? queryDate.getTime() : new Date().getTime();
  const wanted = numOfMessages === undefined || numOfMessages < 1 ? 1 : Math.floor(numOfMessages); // stock's limit(n) is a slice(0, n)
  const docs = firstVisible(coll, account, queue, queryTime, wanted) ?? firstVisibleByWalk(coll, account, queue, queryTime, wanted);
  if (verifyFile) {
    const stock = coll.chain().find({ accountName: account, queueName: queue, timeNextVisible: { $lte: queryTime } })
      .compoundsort([['timeNextVisible', false], ['$loki', false]]).limit(wanted).data();
    const a = docs.map((doc) => doc.$loki), b = stock.map((doc) => doc.$loki);
    if (a.join(',') !== b.join(',')) report({ getMessages: { account, queue, wanted } }, a, b);
  }
  // Marked as stock marks them, each updated by itself (LokiJS's update of a list re-sorts every index of the collection).
  const visibleTimeInMillisecond = timeNextVisible.getTime();
  for (const doc of docs) {
    doc.timeNextVisible = visibleTimeInMillisecond;
    doc.popReceipt = popReceipt;
    doc.dequeueCount = Number(doc.dequeueCount) + 1;
    coll.update(doc);
  }
  const res = [];
  for (const doc of docs) {
    doc.timeNextVisible = timeNextVisible;
    res.push(this.messageCopy(doc));
    doc.timeNextVisible = visibleTimeInMillisecond;
  }
  return res;
};

// A delete or an update names its message by id: found in the queue's map, checked as stock checks it (a message not
// found or a pop receipt that does not match goes to Azurite's own code, which answers the error as stock does).
function messageById(store, account, queue, messageId, popReceipt) {
  const coll = store.db.getCollection(store.MESSAGES_COLLECTION);
  const queuesOfColl = messagesOf(coll);
  const doc = queuesOfColl ? queuesOfColl.get(queueKey(account, queue))?.byId.get(messageId) : undefined;
  if (doc === undefined || doc.popReceipt !== popReceipt) return null;
  if (verifyFile) {
    const stock = findOne.call(coll, { messageId, accountName: account, queueName: queue });
    if (stock !== doc) report({ messageById: { account, queue, messageId } }, [doc.$loki], stock ? [stock.$loki] : []);
  }
  return { coll, doc };
}

const deleteMessage = queues.prototype.deleteMessage;
queues.prototype.deleteMessage = async function (account, queue, messageId, validatingPopReceipt, context) {
  if (!shared.enabled()) return deleteMessage.apply(this, arguments);
  this.checkQueueExist(account, queue, context);
  this.clearExpiredMessages(account, queue, context);
  const found = messageById(this, account, queue, messageId, validatingPopReceipt);
  if (!found) return deleteMessage.apply(this, arguments);
  found.coll.remove(found.doc);
};

const updateMessage = queues.prototype.updateMessage;
queues.prototype.updateMessage = async function (message, validatingPopReceipt, context) {
  if (!shared.enabled()) return updateMessage.apply(this, arguments);
  this.checkQueueExist(message.accountName, message.queueName, context);
  this.clearExpiredMessages(message.accountName, message.queueName, context);
  const found = messageById(this, message.accountName, message.queueName, message.messageId, validatingPopReceipt);
  if (!found) return updateMessage.apply(this, arguments);
  const doc = found.doc;
  doc.popReceipt = message.popReceipt;
  doc.timeNextVisible = message.timeNextVisible.getTime();
  if (message.persistency !== undefined) doc.persistency = message.persistency;
  found.coll.update(doc);
};

// Expired messages: every queue call of stock Azurite (put, receive, delete, update) first looks for the queue's
// expired messages, a walk of every message of the account, to remove them — so each call cost a walk of the whole
// backlog (27 % of Azurite's CPU at the feed benchmark's full size, its e-mails queued by the ten thousand). Here each
// queue keeps a time no later than its earliest message's expiry: while that time is in the future nothing can have
// expired and the walk is skipped; otherwise Azurite's own clean-up runs and the time is found again. A message's expiry
// is set when it is put and never changed; a put lowers the time, a removal leaves it (still no later than the earliest).
const expiries = new WeakMap(); // messages collection → Map<account \0 queue, time no later than the earliest expiry>
const expiryOf = (doc) => { const time = Number(doc.expirationTime); return Number.isFinite(time) ? time : -Infinity; };
function noteExpiry(collection, doc) { // on every add (above)
  const known = expiries.get(collection);
  if (known === undefined || !doc || typeof doc.queueName !== 'string') return;
  const key = queueKey(doc.accountName, doc.queueName);
  const time = known.get(key);
  if (time !== undefined) known.set(key, Math.min(time, expiryOf(doc)));
}
const clearExpiredMessages = queues.prototype.clearExpiredMessages;
queues.prototype.clearExpiredMessages = async function (account, queue, context) {
  if (!shared.enabled()) return clearExpiredMessages.apply(this, arguments);
  this.checkQueueExist(account, queue, context);
  const coll = this.db.getCollection(this.MESSAGES_COLLECTION);
  let known = expiries.get(coll);
  if (known === undefined) expiries.set(coll, known = new Map());
  const key = queueKey(account, queue);
  const now = Date.now();
  if (known.get(key) > now) {
    if (verifyFile) {
      const stock = coll.chain().find({ accountName: account, queueName: queue, expirationTime: { $lte: now } }).data();
      if (stock.length > 0) report({ clearExpiredMessages: { account, queue } }, [], stock.map((doc) => doc.$loki));
    }
    return;
  }
  clearExpiredMessages.apply(this, arguments); // runs to its end synchronously, as the callers (which do not await it) expect
  let earliest = Infinity;
  const queuesOfColl = messagesOf(coll);
  const messages = queuesOfColl ? (queuesOfColl.get(key)?.byId.values() ?? []) : coll.find({ queueName: queue }).filter((doc) => doc.queueName === queue && doc.accountName === account);
  for (const doc of messages) earliest = Math.min(earliest, expiryOf(doc));
  known.set(key, earliest);
};

// ---- Extents ----

// The extent stored under an id, as LokiJS's findOne({ id }) finds it (compared with it in the verify mode).
function extentById(coll, id) {
  const byId = extentsOf(coll);
  if (!byId) return findOne.call(coll, { id });
  const doc = byId.get(id) ?? null;
  if (verifyFile) {
    const stock = findOne.call(coll, { id });
    if (stock !== doc) report({ extentById: id }, doc ? [doc.$loki] : [], stock ? [stock.$loki] : []);
  }
  return doc;
}

const updateExtent = extents.prototype.updateExtent;
extents.prototype.updateExtent = async function (extent) {
  if (!shared.enabled()) return updateExtent.apply(this, arguments);
  const coll = this.db.getCollection(this.EXTENTS_COLLECTION);
  const doc = extentById(coll, extent.id);
  if (!doc) {
    coll.insert(extent);
    return;
  }
  doc.size = extent.size;
  doc.LastModifyInMS = extent.lastModifiedInMS;
  coll.update(doc);
};

const getExtentLocationId = extents.prototype.getExtentLocationId;
extents.prototype.getExtentLocationId = async function (extentId) {
  if (!shared.enabled()) return getExtentLocationId.apply(this, arguments);
  return extentById(this.db.getCollection(this.EXTENTS_COLLECTION), extentId).locationId;
};

const deleteExtent = extents.prototype.deleteExtent;
extents.prototype.deleteExtent = async function (extentId) {
  if (!shared.enabled()) return deleteExtent.apply(this, arguments);
  const coll = this.db.getCollection(this.EXTENTS_COLLECTION);
  for (let doc = extentById(coll, extentId); doc; doc = extentById(coll, extentId)) if (!coll.remove(doc)) break; // LokiJS answers null when it failed
};

// The clean-up's deletion of unreferenced extents (in memory): each one's chunks dropped as stock drops them, and their
// documents removed from the extents collection in one batch (one pass over the data instead of one per extent).
const deleteExtents = memoryExtents.prototype.deleteExtents;
memoryExtents.prototype.deleteExtents = async function (ids) {
  const metadata = this.metadataStore;
  if (!shared.enabled() || !(metadata instanceof extents)) return deleteExtents.apply(this, arguments);
  const coll = metadata.db.getCollection(metadata.EXTENTS_COLLECTION);
  const byId = extentsOf(coll);
  if (!byId) return deleteExtents.apply(this, arguments);
  const docs = [];
  let count = 0;
  for (const id of ids) {
    if (this.chunks.get(this.categoryName, id)) this.chunks.delete(this.categoryName, id);
    const doc = byId.get(id);
    if (doc !== undefined) {
      byId.delete(id);
      docs.push(doc);
    }
    count++;
  }
  if (docs.length > 0) coll.remove(docs);
  if (verifyFile) {
    for (const id of ids) {
      const stock = findOne.call(coll, { id });
      if (stock) report({ deleteExtents: id }, [], [stock.$loki]);
    }
  }
  return count;
};
