#!/usr/bin/env python3
# Issue 10 item 6: answer saves while PostgreSQL goes away for 20 s.
# Setup (by hand): a release server on PostgreSQL at 127.0.0.1:3301, a contestant
# signed in with its cookie jar in /tmp/cj2 (curl -c), and the reply of
# POST /api/attempts/start in /tmp/att.json. Then run this as root on the machine
# whose PostgreSQL it stops and starts again (pg_ctlcluster). 8 clients save
# answers for 40 s; prints status counts, the longest answer and Retry-After,
# before, during and after the outage.
att = json.load(open('/tmp/att.json'))
cookie = [l.split('\t') for l in open('/tmp/cj2') if 'phien' in l][0]
hdr = {'content-type': 'application/json', 'cookie': f"phien={cookie[-1].strip()}"}
qs = att['questions']
res = []
stop = time.time() + 40
t0 = time.time()
def worker(k):
    i = 0
    while time.time() < stop:
        q = qs[(k + i) % len(qs)]; i += 1
        body = json.dumps({'attempt_id': att['attempt_id'], 'question_id': q['id'], 'option_id': q['options'][i % len(q['options'])]['id']}).encode()
        s = time.time()
        try:
            r = urllib.request.urlopen(urllib.request.Request('http://127.0.0.1:3301/api/attempts/answer', body, hdr), timeout=30)
            code, ra = r.status, None
        except urllib.error.HTTPError as e:
            code, ra = e.code, e.headers.get('Retry-After')
        except Exception as e:
            code, ra = 'conn', None
        res.append((s - t0, code, time.time() - s, ra))
        time.sleep(0.05)
ts = [threading.Thread(target=worker, args=(k,)) for k in range(8)]
[t.start() for t in ts]
time.sleep(5); subprocess.run("pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main stop -m fast", shell=True); down = time.time() - t0
time.sleep(20); subprocess.run("pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start", shell=True); up = time.time() - t0
[t.join() for t in ts]
print(f"PostgreSQL down from {down:.1f} s to {up:.1f} s")
for name, lo, hi in [('before', 0, down), ('during', down, up), ('after', up, 99)]:
    rows = [r for r in res if lo <= r[0] < hi]
    c = collections.Counter(r[1] for r in rows)
    print(name, dict(c), 'max latency %.2f s' % max((r[2] for r in rows), default=0), 'Retry-After', set(r[3] for r in rows if r[1] == 503))
first_ok = min((r[0] for r in res if r[0] >= up and r[1] == 200), default=None)
print('first 200 after restart at', first_ok and f"{first_ok - up:.2f} s after PostgreSQL was started")
