const t0 = performance.now();
const m = await import('../dist/sync.js');
const t1 = performance.now();
const a = m.RtcTokenBuilder.buildTokenWithUid('970CA35de60c44645bbae8a215061b33', '5CFd2fd1755d40ecb72977518be15d3b', 'room', 2882341273, 1, 3600, 3600);
const t2 = performance.now();
const b = m.RtcTokenBuilder.buildTokenWithUid('970CA35de60c44645bbae8a215061b33', '5CFd2fd1755d40ecb72977518be15d3b', 'room', 2882341273, 1, 3600, 3600);
const t3 = performance.now();
console.log({ imp: t1-t0, first: t2-t1, second: t3-t2 });
