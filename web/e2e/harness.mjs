// What every E2E journey shares: named steps with timings, screenshots at phone and desktop size with an axe-core scan
// of each (serious or critical violations fail the step), Content-Security-Policy violations collected from the
// console, and the artifacts (axe.json, results.json) written at the end.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { DESKTOP, PHONE } from './browser.mjs'

const require = createRequire(import.meta.url)
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')

export function assert(condition, message) {
  if (!condition) throw new Error(`assertion failed: ${message}`)
}

export const slug = (s) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')

/**
 * A journey's bookkeeping. `out` is emptied first. `page()` answers the page in use (screenshots on failure and in
 * `capture`); `watch(page)` collects the CSP violations a page reports.
 */
export function harness(out, page) {
  rmSync(out, { recursive: true, force: true })
  mkdirSync(out, { recursive: true })
  const results = []
  const cspViolations = []
  const axeReport = {}
  const skipped = []
  let passed = 0
  let failed = 0

  async function step(name, fn) {
    const t0 = Date.now()
    try {
      await fn()
      passed++
      results.push({ name, ok: true, ms: Date.now() - t0 })
      console.log(`  ✓ ${name} (${Date.now() - t0} ms)`)
    } catch (e) {
      failed++
      results.push({ name, ok: false, ms: Date.now() - t0, error: String(e?.stack || e) })
      console.log(`  ✗ ${name}\n    ${String(e?.message || e).split('\n').slice(0, 6).join('\n    ')}`)
      await page()?.screenshot({ path: join(out, `failure-${slug(name)}.png`), fullPage: true }).catch(() => undefined)
      throw e
    }
  }

  /** A step that cannot run yet: said loudly, recorded, never counted as passed. */
  function skip(name, why) {
    skipped.push({ name, why })
    results.push({ name, ok: null, skipped: why })
    console.log(`  ! SKIPPED: ${name}: ${why}`)
  }

  async function capture(name) {
    const p = page()
    await p.waitForLoadState('networkidle').catch(() => undefined)
    await p.screenshot({ path: join(out, `phone-${name}.png`), fullPage: true })
    await p.setViewportSize(DESKTOP)
    await p.screenshot({ path: join(out, `desktop-${name}.png`), fullPage: true })
    await p.setViewportSize(PHONE)
    // evaluated through the DevTools protocol, so the app's CSP (no inline script) stays on
    await p.evaluate(AXE)
    const violations = await p.evaluate(async () => {
      // eslint-disable-next-line no-undef
      const result = await axe.run(document, { resultTypes: ['violations'] })
      return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }))
    })
    axeReport[name] = violations
    const blocking = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    assert(blocking.length === 0, `axe on ${name}: ${JSON.stringify(blocking, null, 1)}`)
  }

  function watch(p) {
    p.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text())
    })
  }

  function finish(extra = {}) {
    writeFileSync(join(out, 'axe.json'), JSON.stringify(axeReport, null, 2))
    writeFileSync(join(out, 'results.json'), JSON.stringify({ ...extra, results, skipped, cspViolations }, null, 2))
    console.log(`web E2E: artifacts in ${out}`)
    console.log(`${passed} passed, ${failed} failed${skipped.length ? `, ${skipped.length} SKIPPED` : ''}`)
    for (const s of skipped) console.log(`  SKIPPED: ${s.name}: ${s.why}`)
    return failed === 0 && passed > 0
  }

  return { step, skip, capture, watch, finish, cspViolations }
}
