// The queue drain at a given backlog, against an Azurite on loopback (scripts/bench-azurite-queue.sh starts it):
// puts N messages, then W workers receive 32 at a time and delete each, as the Functions host's queue listener does,
// and the drain's rate is printed as it goes and at the end. Usage: node bench-azurite-queue.cjs <queuePort> <N> [W]
'use strict';
const crypto = require('crypto');
const http = require('http');

const [port, total, workers] = [Number(process.argv[2]), Number(process.argv[3] || 50000), Number(process.argv[4] || 8)];
const account = 'devstoreaccount1';
const key = Buffer.from('Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==', 'base64');
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
const queue = 'drain' + crypto.randomBytes(4).toString('hex');

function call(method, path, query, body) {
  const date = new Date().toUTCString();
  const length = body ? Buffer.byteLength(body) : 0;
  const resource = `/${account}/${account}${path}` + Object.keys(query).sort().map((k) => `\n${k}:${decodeURIComponent(query[k])}`).join('');
  const toSign = `${method}\n\n\n${length || ''}\n\n${body ? 'application/xml' : ''}\n\n\n\n\n\n\nx-ms-date:${date}\nx-ms-version:2021-12-02\n${resource}`;
  const signature = crypto.createHmac('sha256', key).update(toSign, 'utf8').digest('base64');
  const search = Object.entries(query).map(([k, v]) => `${k}=${v}`).join('&');
  const headers = { 'x-ms-date': date, 'x-ms-version': '2021-12-02', Authorization: `SharedKey ${account}:${signature}`, 'Content-Length': length };
  if (body) headers['Content-Type'] = 'application/xml';
  return new Promise((resolve, reject) => {
    const request = http.request({ host: '127.0.0.1', port, method, agent, path: `/${account}${path}${search ? '?' + search : ''}`, headers }, (response) => {
      let text = '';
      response.on('data', (chunk) => { text += chunk; });
      response.on('end', () => (response.statusCode < 300 ? resolve(text) : reject(new Error(`${method} ${path}: ${response.statusCode} ${text.slice(0, 200)}`))));
    });
    request.on('error', reject);
    if (body) request.write(body);
    request.end();
  });
}

const seconds = (from) => (Number(process.hrtime.bigint() - from) / 1e9);

(async () => {
  await call('PUT', `/${queue}`, {});
  let put = 0;
  const started = process.hrtime.bigint();
  const putter = async () => {
    while (put < total) {
      const n = put++;
      await call('POST', `/${queue}/messages`, {}, `<QueueMessage><MessageText>bWVzc2FnZS0${n}</MessageText></QueueMessage>`);
      if ((n + 1) % 10000 === 0) console.log(`  put ${n + 1} of ${total} (${seconds(started).toFixed(1)} s)`);
    }
  };
  await Promise.all(Array.from({ length: 16 }, putter));
  console.log(`put ${total} messages in ${seconds(started).toFixed(1)} s (${(total / seconds(started)).toFixed(0)}/s)`);

  let drained = 0, empty = 0, lastReport = 0;
  const drainStart = process.hrtime.bigint();
  let windowStart = process.hrtime.bigint(), windowCount = 0;
  const worker = async () => {
    while (drained < total && empty < 50) {
      const xml = await call('GET', `/${queue}/messages`, { numofmessages: '32', visibilitytimeout: '300' });
      const messages = [...xml.matchAll(/<MessageId>([^<]+)<\/MessageId>[\s\S]*?<PopReceipt>([^<]+)<\/PopReceipt>/g)];
      if (messages.length === 0) { empty++; await new Promise((r) => setTimeout(r, 100)); continue; }
      for (const [, id, receipt] of messages) {
        await call('DELETE', `/${queue}/messages/${id}`, { popreceipt: encodeURIComponent(receipt) });
        drained++; windowCount++;
      }
      if (drained - lastReport >= 10000) {
        lastReport = drained;
        console.log(`  drained ${drained} of ${total}: ${(windowCount / seconds(windowStart)).toFixed(0)}/s lately, backlog ${total - drained}`);
        windowStart = process.hrtime.bigint(); windowCount = 0;
      }
    }
  };
  await Promise.all(Array.from({ length: workers }, worker));
  const took = seconds(drainStart);
  console.log(`drained ${drained} of ${total} messages in ${took.toFixed(1)} s: ${(drained / took).toFixed(0)} messages/s (receive 32 + delete each, ${workers} workers)`);
  await call('DELETE', `/${queue}`, {});
  agent.destroy();
  if (drained !== total) process.exit(1);
})().catch((error) => { console.error(error); process.exit(1); });
