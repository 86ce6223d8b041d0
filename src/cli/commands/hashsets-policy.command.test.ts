import { describe, expect, it } from 'vitest';
import { runCli } from '../main.js';

async function cli(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['node', 'vigil', ...args], {
    env: { VIGIL_LOG_LEVEL: 'silent' },
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
  });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

describe('vigil hashsets policy', () => {
  it('prints which categories make a lead, without a database', async () => {
    const { code, stdout } = await cli('hashsets', 'policy');
    expect(code).toBe(0);
    expect(stdout).toMatch(/VICS US\s+0\s+Non-Pertinent\s+not a lead/);
    expect(stdout).toMatch(/VICS US\s+4\s+Comparison\s+not a lead/);
    expect(stdout).toMatch(/VICS US\s+1\s+Child Abuse Material\s+lead/);
    expect(stdout).toContain('uncategorised entries of a known set: lead');
  });

  it('prints the same table as JSON', async () => {
    const { code, stdout } = await cli('hashsets', 'policy', '--json');
    expect(code).toBe(0);
    const policy = JSON.parse(stdout) as { lines: Array<{ text: string; decision: string }> };
    expect(policy.lines).toContainEqual(
      expect.objectContaining({ text: 'DHS 5 (Non-pertinent)', decision: 'not_lead' }),
    );
  });
});
