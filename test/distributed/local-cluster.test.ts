/**
 * The local nats-server's configuration (`NATS_SERVER_CONF`): nats-server accepts it and reads the
 * two limits from it. Whether it keeps a stalled worker connected is shown in docs/distributed.md
 * (a subscriber blocked 15 s is dropped as a slow consumer with the defaults, kept with it): that
 * takes more than 10 s, so it is not repeated here.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { NATS_SERVER_CONF, natsServerPath } from '../../src/distributed/local-cluster.ts'

describe('the local nats-server configuration', () => {
  it('is accepted by nats-server (-t) and raises the write deadline and the pending limit', () => {
    const conf = join(mkdtempSync(join(tmpdir(), 'interleave-conf-')), 'nats.conf')
    writeFileSync(conf, NATS_SERVER_CONF)
    const r = spawnSync(natsServerPath(), ['-c', conf, '-t'], { encoding: 'utf8' })
    expect(r.status, r.stderr).toBe(0)
    expect(NATS_SERVER_CONF).toMatch(/write_deadline: "120s"/)
    expect(NATS_SERVER_CONF).toMatch(/max_pending: 1073741824/)
    // A typo would be refused: the check above can fail.
    writeFileSync(conf, 'write_deadlin: "120s"\n')
    expect(spawnSync(natsServerPath(), ['-c', conf, '-t'], { encoding: 'utf8' }).status).not.toBe(0)
  })
})
