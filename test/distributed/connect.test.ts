/** How long a connection waits for a NATS server's greeting (src/distributed/connect.ts). */
import { describe, expect, it } from 'vitest'
import { UsageError } from '../../src/core/errors.ts'
import { connectTimeoutMs } from '../../src/distributed/connect.ts'

describe('connectTimeoutMs', () => {
  it('is 5 s unless INTERLEAVE_NATS_CONNECT_TIMEOUT_MS says otherwise, in whole milliseconds', () => {
    expect(connectTimeoutMs({})).toBe(5000)
    expect(connectTimeoutMs({ INTERLEAVE_NATS_CONNECT_TIMEOUT_MS: '' })).toBe(5000)
    expect(connectTimeoutMs({ INTERLEAVE_NATS_CONNECT_TIMEOUT_MS: '300' })).toBe(300)
    for (const bad of ['0', '2.5', '-1', 'soon', '600001']) {
      expect(() => connectTimeoutMs({ INTERLEAVE_NATS_CONNECT_TIMEOUT_MS: bad })).toThrow(new UsageError(`INTERLEAVE_NATS_CONNECT_TIMEOUT_MS=${bad}: expected a whole number of milliseconds from 1 to 600000`))
    }
  })
})
