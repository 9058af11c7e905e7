// The web app's journey in a real Chromium against the platform as `./waqup up` runs it (scripts/web.sh e2e):
// sign up → converse by text → confirm → progress → play → library → download → offline play (seeking from the
// cache) → streak → 402 leads to credits → refresh rotation → log out (downloads removed) → log in → organize, share,
// export → account export → delete the practice → delete the account. Screenshots of each main screen at phone and desktop size and an
// axe-core scan of each (no serious or critical violation) are written to web/test-results/e2e/.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { launch, PHONE } from './browser.mjs'
import { assert, harness } from './harness.mjs'

const BASE = (process.env.WAQUP_URL || 'http://127.0.0.1:8080').replace(/\/$/, '')
const OUT = join(process.cwd(), 'test-results', 'e2e')

const email = `e2e-${Date.now()}-${Math.floor(Math.random() * 1e6)}@waqup.test`
const password = 'quiet mornings by the sea 42'
const { context, close } = await launch({ viewport: PHONE })
const page = context.pages()[0] ?? (await context.newPage())
page.setDefaultTimeout(20_000)
const h = harness(OUT, () => page)
h.watch(page)
const { step, capture } = h
let itemId = null

try {
  console.log(`web E2E against ${BASE} (Chromium ${context.browser()?.version() ?? ''})`)

  await step('a new person is sent to log in and signs up', async () => {
    await page.goto(BASE + '/')
    await page.waitForURL(/\/login/)
    await capture('login')
    await page.getByRole('link', { name: 'Create an account' }).click()
    await page.getByLabel('Email').fill(email)
    await page.getByLabel('Password').fill(password)
    await page.getByRole('button', { name: 'Sign up' }).click()
    await page.getByRole('heading', { name: /^Hello/ }).waitFor()
    await page.getByTestId('balance').filter({ hasText: '1' }).waitFor({ timeout: 30_000 })
    await capture('home')
  })

  await step('the service worker takes the shell', async () => {
    await page.waitForFunction(() => navigator.serviceWorker?.controller !== null || false, null, { timeout: 5000 })
      .catch(async () => {
        await page.reload()
        await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 20_000 })
      })
  })

  await step('converses by text over the WebSocket to the confirmation card', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Create' }).click()
    await page.getByRole('button', { name: 'Affirmations' }).click()
    await page.getByRole('list', { name: 'Conversation' }).getByText(/./).first().waitFor()
    await capture('create')
    const answer = page.getByLabel('Your answer')
    await answer.fill("1 minute of affirmations for sleep, I can't switch off at night")
    await page.getByRole('button', { name: 'Send' }).click()
    for (let i = 0; i < 8; i++) {
      const card = page.getByRole('button', { name: 'Create it' })
      await Promise.race([
        card.waitFor({ timeout: 15_000 }),
        page.getByRole('button', { name: 'You choose' }).waitFor({ timeout: 15_000 }),
      ])
      if (await card.isVisible()) break
      await page.getByRole('button', { name: 'You choose' }).click()
      await page.waitForTimeout(300)
    }
    await page.locator('section.conversation[data-transport="websocket"]').waitFor({ timeout: 2000 })
    await page.getByTestId('cost').waitFor()
    const cost = await page.getByTestId('cost').textContent()
    assert(/Costs 1 credit/.test(cost), `cost shown: ${cost}`)
    await capture('confirm')
  })

  await step('confirms, sees live progress and lands on the player', async () => {
    await page.getByRole('button', { name: 'Create it' }).click()
    await page.getByRole('heading', { name: 'Creating your practice' }).waitFor()
    await page.getByRole('progressbar').waitFor()
    await page.waitForURL(/\/library\/[0-9a-f-]{36}\?new=1/, { timeout: 120_000 })
    itemId = new URL(page.url()).pathname.split('/').pop()
    await page.getByRole('region', { name: /^Player:/ }).waitFor()
    await page.getByRole('heading', { name: 'Script' }).waitFor()
    await capture('item')
  })

  await step('plays the practice to the end: play and complete events are sent', async () => {
    const audio = page.locator('audio').first()
    await audio.evaluate((a) => new Promise((resolve, reject) => {
      if (a.readyState >= 1) resolve(undefined)
      a.addEventListener('loadedmetadata', resolve, { once: true })
      a.addEventListener('error', () => reject(new Error('audio error ' + a.error?.code)), { once: true })
    }))
    if (!(await audio.evaluate((a) => !a.paused))) await page.getByTestId('play-toggle').click()
    await page.waitForFunction(() => document.querySelector('audio').currentTime > 0.5)
    // to the last seconds (Range request through /media), then let it end
    await audio.evaluate((a) => { a.currentTime = Math.max(0, a.duration - 1.5) })
    await page.getByText('Practice complete. Well done.').waitFor({ timeout: 30_000 })
  })

  await step('finds it in the library, with search and filters', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Library' }).click()
    const list = page.getByRole('list', { name: 'Practices' })
    await list.getByRole('link').first().waitFor()
    await page.getByLabel('Type').selectOption('affirmation')
    await list.getByRole('link').first().waitFor()
    await page.getByLabel('Search').fill('zzzz-nothing')
    await page.getByText('Nothing matches these filters.').waitFor()
    await page.getByLabel('Search').fill('')
    await capture('library')
    await list.getByRole('link').first().click()
    await page.waitForURL(new RegExp(`/library/${itemId}`))
  })

  await step('downloads it for offline listening', async () => {
    await page.getByRole('button', { name: 'Download' }).click()
    await page.getByTestId('item-status').filter({ hasText: 'Downloaded' }).waitFor({ timeout: 30_000 })
  })

  await step('goes offline and plays it from the cache, seeking included', async () => {
    await context.setOffline(true)
    await page.reload()
    await page.getByText("You're offline").waitFor()
    await page.getByText('Playing the copy on this device.').waitFor()
    const range = await page.evaluate(async (id) => {
      const r = await fetch(`/offline/audio/${id}`, { headers: { Range: 'bytes=100-199' } })
      return { status: r.status, length: (await r.arrayBuffer()).byteLength, range: r.headers.get('Content-Range') }
    }, itemId)
    assert(range.status === 206 && range.length === 100 && /^bytes 100-199\/\d+$/.test(range.range), JSON.stringify(range))
    await page.getByTestId('play-toggle').click()
    await page.waitForFunction(() => document.querySelector('audio').currentTime > 0.3)
    const seekTo = await page.locator('audio').evaluate((a) => { a.currentTime = a.duration / 2; return a.currentTime })
    await page.waitForFunction((t) => document.querySelector('audio').currentTime > t + 0.2, seekTo)
    await page.locator('audio').evaluate((a) => { a.currentTime = Math.max(0, a.duration - 1) })
    await page.getByText(/Practice complete/).waitFor({ timeout: 30_000 })
    await capture('offline-item')
    await page.goto(BASE + '/library')
    await page.getByRole('heading', { name: 'On this device' }).waitFor()
  })

  await step('back online, the offline practice is sent and the streak shows', async () => {
    await context.setOffline(false)
    await page.goto(BASE + '/progress')
    await page.getByTestId('current-streak').filter({ hasText: /^[1-9]/ }).waitFor({ timeout: 30_000 })
    await page.waitForFunction(() => !localStorage.getItem('waqup.practice-queue'), null, { timeout: 30_000 })
    await page.reload()
    // two completed practices in the history: the one played online and the one played offline
    await page.getByText(/completed,/).nth(1).waitFor()
    await page.getByTestId('current-streak').filter({ hasText: /^[1-9]/ }).waitFor()
    await capture('progress')
  })

  await step('with no credit left, the confirmation leads to credits (402)', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Create' }).click()
    await page.getByRole('button', { name: 'Guided meditation' }).click()
    await page.getByLabel('Your answer').fill('A 5 minute meditation at home for calm, I feel stressed')
    await page.getByRole('button', { name: 'Send' }).click()
    for (let i = 0; i < 8 && !(await page.getByRole('button', { name: 'Create it' }).isVisible()); i++) {
      await page.getByRole('button', { name: 'You choose' }).click()
      await page.waitForTimeout(400)
    }
    await page.getByText(/You need 2 more credits/).waitFor()
    await page.getByRole('button', { name: 'Create it' }).click()
    await page.getByText('This needs 2 credits and you have 0.').waitFor()
    await page.getByRole('link', { name: 'Get more credits' }).click()
    await page.getByRole('heading', { name: 'Credits' }).waitFor()
    await page.getByTestId('credit-balance').filter({ hasText: '0' }).waitFor()
    await page.getByText('Gift').waitFor()
    await page.getByText('Used').first().waitFor()
    await capture('credits')
  })

  await step('an access token the platform refuses is renewed by rotating the refresh token', async () => {
    const before = await page.evaluate(() => JSON.parse(localStorage.getItem('waqup.session')))
    await page.evaluate(() => {
      const s = JSON.parse(localStorage.getItem('waqup.session'))
      const exp = Math.floor(Date.now() / 1000) + 600
      s.token = ['eyJhbGciOiJSUzI1NiJ9', btoa(JSON.stringify({ sub: 'x', exp })).replace(/=+$/, ''), 'invalid'].join('.')
      localStorage.setItem('waqup.session', JSON.stringify(s))
    })
    await page.goto(BASE + '/credits')
    await page.getByTestId('credit-balance').filter({ hasText: '0' }).waitFor()
    const after = await page.evaluate(() => JSON.parse(localStorage.getItem('waqup.session')))
    assert(after.refresh_token !== before.refresh_token, 'the refresh token was rotated')
    assert(after.token.split('.')[2] !== 'invalid', 'a new access token is used')
  })

  await step('a session that expires mid-conversation returns to login and keeps the conversation and the typing', async () => {
    await page.goto(BASE + '/create')
    // the conversation left at its confirmation for lack of credits is picked up again: start a new one
    await page.getByRole('button', { name: 'Start a new one' }).click()
    await page.getByRole('button', { name: 'Ritual' }).click()
    await page.getByLabel('Your answer').fill('A morning ritual for focus')
    await page.getByRole('button', { name: 'Send' }).click()
    await page.getByRole('list', { name: 'Conversation' }).getByText('A morning ritual for focus').waitFor()
    await page.getByLabel('Your answer').fill('at my desk, 5 minutes')
    await page.evaluate(() => {
      const s = JSON.parse(localStorage.getItem('waqup.session'))
      const exp = Math.floor(Date.now() / 1000) + 600
      s.token = ['eyJhbGciOiJSUzI1NiJ9', btoa(JSON.stringify({ sub: 'x', exp })).replace(/=+$/, ''), 'invalid'].join('.')
      s.refresh_token = 'no-longer-valid'
      localStorage.setItem('waqup.session', JSON.stringify(s))
    })
    await page.reload()
    await page.waitForURL(/\/login\?next=%2Fcreate&expired=1/)
    await page.getByText('Your session ended.').waitFor()
    await page.getByLabel('Email').fill(email)
    await page.getByLabel('Password').fill(password)
    await page.getByRole('button', { name: 'Log in' }).click()
    await page.waitForURL(/\/create$/)
    await page.getByRole('list', { name: 'Conversation' }).getByText('A morning ritual for focus').waitFor()
    assert((await page.getByLabel('Your answer').inputValue()) === 'at my desk, 5 minutes', 'the typed answer is kept')
    await page.getByRole('button', { name: 'Send' }).click()
    await page.getByRole('list', { name: 'Conversation' }).getByText('at my desk, 5 minutes').waitFor()
    await page.getByRole('button', { name: 'Start a new one' }).click()
  })

  await step('logs out: the downloads leave the device; logs in again', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Profile' }).click()
    await page.getByRole('button', { name: 'Log out' }).click()
    await page.waitForURL(/\/login/)
    const caches = await page.evaluate(async () => ({
      names: await caches.keys(),
      session: localStorage.getItem('waqup.session'),
    }))
    assert(!caches.names.includes('waqup-downloads-v1'), `downloads removed: ${caches.names}`)
    assert(caches.session === null, 'no tokens left')
    await page.getByLabel('Email').fill(email)
    await page.getByLabel('Password').fill(password)
    await page.getByRole('button', { name: 'Log in' }).click()
    await page.getByRole('heading', { name: /^Hello/ }).waitFor()
  })

  await step('organizes the practice: rename, tag, favourite, folder; filters find it', async () => {
    await page.goto(BASE + `/library/${itemId}`)
    await page.getByLabel('Title').fill('Night wind-down')
    await page.getByLabel('Tags').fill('sleep, evening')
    await page.getByRole('button', { name: 'Save', exact: true }).click()
    await page.getByText('Saved.').waitFor()
    await page.getByRole('heading', { name: 'Night wind-down' }).waitFor()
    await page.getByRole('button', { name: /Add to favourites/ }).click()
    await page.getByRole('button', { name: /★ Favourite/ }).waitFor()
    await page.getByLabel('New folder').fill('Evenings')
    await page.getByRole('button', { name: 'Create and move' }).click()
    await page.getByText('Moved.').waitFor()
    await page.goto(BASE + '/library?favorite=1&tag=evening')
    await page.getByRole('list', { name: 'Practices' }).getByText('Night wind-down').waitFor()
  })

  await step('shares it and exports its script', async () => {
    await page.goto(BASE + `/library/${itemId}`)
    await page.getByRole('button', { name: 'Create a share link' }).click()
    const url = await page.getByLabel('Share link').inputValue()
    assert(/\/api\/v1\/content\/shared\//.test(url) || url.length > 20, `share url ${url}`)
    await page.getByLabel('What to export').selectOption('text')
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export', exact: true }).click()])
    const file = join(OUT, 'export-item.txt')
    await download.saveAs(file)
    assert(readFileSync(file, 'utf8').trim().length > 20, 'the exported script has text')
  })

  await step('exports the account as JSON', async () => {
    await page.goto(BASE + '/profile')
    await page.getByLabel('Pace').selectOption('slow')
    await page.getByRole('button', { name: 'Save preferences' }).click()
    await page.getByText(/^Saved\./).waitFor()
    await capture('profile')
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export my data' }).click()])
    const file = join(OUT, 'export-account.json')
    await download.saveAs(file)
    const data = JSON.parse(readFileSync(file, 'utf8'))
    assert(data.user?.email === email, 'the export names the account')
    assert(JSON.stringify(data).includes(itemId), 'the export holds the practice')
  })

  await step('deletes the practice after a confirmation', async () => {
    await page.goto(BASE + `/library/${itemId}`)
    await page.getByRole('button', { name: 'Delete this practice' }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByRole('button', { name: 'Keep it' }).click()
    await page.getByRole('heading', { name: 'Night wind-down' }).waitFor()
    await page.getByRole('button', { name: 'Delete this practice' }).click()
    await dialog.getByRole('button', { name: 'Delete', exact: true }).click()
    await page.waitForURL(/\/library$/)
    await page.getByText('Your library is empty. Create your first practice.').waitFor()
    await page.goto(BASE + '/profile')
  })

  await step('deletes the account with the password; it cannot log in again', async () => {
    await page.getByRole('button', { name: 'Delete my account…' }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByLabel('Password').fill('not the password at all')
    await dialog.getByRole('button', { name: 'Delete everything' }).click()
    await dialog.getByText("That email and password don't match. Please try again.").waitFor()
    await dialog.getByLabel('Password').fill(password)
    await dialog.getByRole('button', { name: 'Delete everything' }).click()
    await page.waitForURL(/\/signup\?deleted=1/)
    await page.goto(BASE + '/login')
    await page.getByLabel('Email').fill(email)
    await page.getByLabel('Password').fill(password)
    await page.getByRole('button', { name: 'Log in' }).click()
    await page.getByText("That email and password don't match. Please try again.").waitFor()
  })

  await step('no Content-Security-Policy violation on the way', async () => {
    assert(h.cspViolations.length === 0, h.cspViolations.join('\n'))
  })
} catch {
  // reported by step()
} finally {
  const ok = h.finish({ base: BASE, email })
  await close()
  process.exit(ok ? 0 : 1)
}
