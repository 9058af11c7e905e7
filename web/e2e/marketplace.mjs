// The marketplace and creator journeys in a real Chromium against the platform as `./waqup up` runs it
// (scripts/web.sh e2e runs it after journey.mjs):
//   a creator signs up, becomes a creator, fills the profile, makes a pack of a practice and publishes it →
//   a second person finds it by typing a prefix in Discover, claims it, sees it in the library filtered by the pack,
//   plays it, reviews it → the creator sees the claim and the play in the pack's analytics.
// Buying credits and a paid pack in the offline sandbox checkout run when payment-service serves
// POST /api/v1/credits/purchase; while it answers 404 they are SKIPPED (printed loudly, recorded in results.json).
// The creator's practice is made through the API (the conversation, as scripts/seed-demo.sh does: the create screen
// has its own journey); every step named above goes through the UI. Screenshots and axe scans of /marketplace,
// /marketplace/:id, /studio and /studio/packs/:id (and the credits and rewards screens) at phone and desktop size
// are written to web/test-results/e2e/marketplace/.
import { join } from 'node:path'
import { launch, PHONE } from './browser.mjs'
import { assert, harness } from './harness.mjs'

const BASE = (process.env.WAQUP_URL || 'http://127.0.0.1:8080').replace(/\/$/, '')
const OUT = join(process.cwd(), 'test-results', 'e2e', 'marketplace')
const GENERATION_TIMEOUT_MS = 180_000

const { context, close } = await launch({ viewport: PHONE })
let page = context.pages()[0] ?? (await context.newPage())
page.setDefaultTimeout(20_000)
const h = harness(OUT, () => page)
h.watch(page)
const { step, skip, capture } = h

const run = `${Date.now()}-${Math.floor(Math.random() * 1e6)}`
const password = 'quiet mornings by the sea 42'
const creator = { email: `e2e-creator-${run}@waqup.test`, name: `Mara E2E ${run.slice(-6)}` }
const buyer = { email: `e2e-buyer-${run}@waqup.test` }
// a word no other pack has, so a prefix of it finds this pack and only this one
const word = 'Zephyr' + Array.from({ length: 6 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('')
const packTitle = `Evening tide ${word}`
const prefix = word.slice(0, word.length - 2).toLowerCase()
let packId = null
let paidPackId = null
let practiceTitle = null
let paymentsServed = false
let rewardsServed = false

/** The signed-in person's session (the app keeps it in localStorage). */
const session = () => page.evaluate(() => JSON.parse(localStorage.getItem('waqup.session') || 'null'))

/** Our own API with the signed-in person's token, for preparing data and for checks; never for the UI's steps. */
async function api(method, path, body) {
  const { token } = await session()
  const response = await fetch(BASE + path, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  })
  const text = await response.text()
  return { status: response.status, body: text ? JSON.parse(text) : null }
}

/** Repeats `check` (reloading the page before each new try) until it passes or `ms` have gone by. */
async function eventually(check, ms, what) {
  const until = Date.now() + ms
  let last
  for (let i = 0; ; i++) {
    try {
      await check()
      return
    } catch (e) {
      last = e
    }
    if (Date.now() > until) throw new Error(`${what} not seen within ${ms / 1000} s: ${last?.message ?? last}`)
    await page.waitForTimeout(Math.min(500 * (i + 1), 3000))
    await page.reload()
  }
}

async function signUp(email) {
  await page.goto(BASE + '/signup')
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(password)
  await page.getByRole('button', { name: 'Sign up' }).click()
  await page.getByRole('heading', { name: /^Hello/ }).waitFor()
}

async function logIn(email) {
  await page.goto(BASE + '/login')
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(password)
  await page.getByRole('button', { name: 'Log in' }).click()
  await page.getByRole('heading', { name: /^Hello/ }).waitFor()
}

async function logOut() {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Profile' }).click()
  await page.getByRole('button', { name: 'Log out' }).click()
  await page.waitForURL(/\/login/)
}

/** The offline sandbox checkout (payment-service, served through the gateway): its form posts to …/pay. */
async function payInSandbox() {
  await page.waitForURL(/\/sandbox\/checkout\//, { timeout: 30_000 })
  await page.locator('form[action$="/pay"] [type="submit"], form[action$="/pay"] button').first().click()
}

/** A practice of the creator's own, made through the conversation API (about 10–20 s offline). */
async function makePractice() {
  let turn = (await api('POST', '/api/v1/conversation/start', { content_type: 'affirmation' })).body
  const sessionId = turn.session_id
  turn = (await api('POST', '/api/v1/conversation/message', {
    session_id: sessionId, message: '1 minute of affirmations for a calm evening by the sea',
  })).body
  for (let i = 0; turn.state !== 'Confirmation'; i++) {
    assert(i < 9, `no confirmation after ${i} turns (state ${turn.state})`)
    turn = (await api('POST', '/api/v1/conversation/message', { session_id: sessionId, message: 'you choose' })).body
  }
  const started = await api('POST', '/api/v1/conversation/complete', { session_id: sessionId, confirm: true })
  assert(started.status < 300, `complete answered ${started.status} ${JSON.stringify(started.body)}`)
  const ritualId = started.body.ritual_id
  const until = Date.now() + GENERATION_TIMEOUT_MS
  for (;;) {
    const g = await api('GET', `/api/v1/generations/${ritualId}`)
    assert(g.body?.status !== 'failed', `the generation failed: ${JSON.stringify(g.body)}`)
    if (g.body?.status === 'ready' && (await api('GET', `/api/v1/content/${ritualId}`)).status === 200) break
    assert(Date.now() < until, `the practice was not ready after ${GENERATION_TIMEOUT_MS / 1000} s`)
    await new Promise((r) => setTimeout(r, 1000))
  }
  return (await api('GET', `/api/v1/content/${ritualId}`)).body
}

try {
  console.log(`web E2E (marketplace and creator) against ${BASE} (Chromium ${context.browser()?.version() ?? ''})`)

  await step('a creator signs up and has a practice of their own', async () => {
    await signUp(creator.email)
    // an empty request: 400 where the purchase is served (no checkout opened), 404 where it is not
    const probe = await api('POST', '/api/v1/credits/purchase', {})
    paymentsServed = probe.status !== 404
    console.log(`    POST /api/v1/credits/purchase answers ${probe.status}: paid steps ${paymentsServed ? 'run' : 'are SKIPPED'}`)
    const rewards = await api('GET', '/api/v1/rewards/balance')
    rewardsServed = !(rewards.status === 404 && rewards.body?.error?.code === 'NOT_FOUND')
    console.log(`    GET /api/v1/rewards/balance answers ${rewards.status}: reward steps ${rewardsServed ? 'run' : 'are SKIPPED'}`)
    const practice = await makePractice()
    practiceTitle = practice.title
  })

  await step('becomes a creator and fills the public profile in the studio', async () => {
    await page.getByRole('link', { name: 'Studio' }).first().click()
    await page.getByRole('heading', { name: 'Creator studio' }).waitFor()
    await page.getByRole('button', { name: 'Become a creator' }).click()
    await page.getByText("You're a creator now. Start with your profile.").waitFor()
    // the keyboard continues at the display name
    assert(await page.getByLabel('Display name').evaluate((el) => el === document.activeElement), 'focus on the display name')
    await page.getByLabel('Display name').fill(creator.name)
    await page.getByLabel('About you (optional)').fill('Short practices for the end of the day.')
    await page.getByRole('button', { name: 'Save profile' }).click()
    await page.getByText('Profile saved.').waitFor()
    const roles = await page.evaluate(() => {
      const token = JSON.parse(localStorage.getItem('waqup.session')).token
      return JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))).roles
    })
    assert(JSON.stringify(roles).includes('creator'), `the kept token carries the creator role: ${roles}`)
    await capture('studio')
  })

  await step('makes a pack of the practice and publishes it', async () => {
    await page.getByLabel('New pack title').fill(packTitle)
    await page.getByRole('button', { name: 'Create pack' }).click()
    await page.waitForURL(/\/studio\/packs\/[0-9a-f-]{36}$/)
    packId = new URL(page.url()).pathname.split('/').pop()
    await page.getByRole('heading', { level: 1, name: packTitle }).waitFor()
    await page.getByLabel('Description').fill('A minute of calm as the day ends.')
    await page.getByLabel('Tags').fill('evening, calm')
    await page.getByRole('button', { name: 'Save details' }).click()
    await page.getByText('Details saved.').waitFor()
    const add = page.getByLabel('Add one of your practices')
    await add.locator('option', { hasText: practiceTitle }).first().waitFor({ state: 'attached' })
    await add.selectOption({ label: (await add.locator('option', { hasText: practiceTitle }).first().textContent()).trim() })
    await page.getByRole('button', { name: 'Add', exact: true }).click()
    await page.getByRole('list', { name: 'Practices in this pack' }).getByText(practiceTitle).waitFor()
    await page.getByRole('button', { name: 'Save practices and order' }).click()
    await page.getByText('Practices saved.').waitFor()
    await page.getByRole('button', { name: 'Publish pack' }).click()
    await page.getByTestId('pack-status').filter({ hasText: /^Published/ }).waitFor({ timeout: 30_000 })
    await page.getByRole('link', { name: 'See it in the marketplace' }).waitFor()
    await capture('studio-pack')
  })

  if (paymentsServed) {
    await step('prepares a paid pack of the same practice (API)', async () => {
      const created = await api('POST', '/api/v1/creators/me/packs', {
        title: `Paid tide ${word}`, description: 'The same minute, for a price.', price_type: 'one_time',
        price_amount: 4.99, currency: 'usd', tags: ['evening'],
      })
      assert(created.status === 201 || created.status === 200, `pack created: ${created.status}`)
      paidPackId = created.body.id
      const items = await api('PUT', `/api/v1/creators/me/packs/${paidPackId}/items`, { content_ids: [(await api('GET',
        `/api/v1/creators/me/packs/${packId}`)).body.items[0].content_id] })
      assert(items.status === 200, `items saved: ${items.status} ${JSON.stringify(items.body)}`)
      const published = await api('POST', `/api/v1/creators/me/packs/${paidPackId}/publish`)
      assert(published.status === 200, `published: ${published.status} ${JSON.stringify(published.body)}`)
    })
  }

  await step('the creator sees rewards (balance, history, payout form)', async () => {
    await page.goto(BASE + '/studio')
    await page.getByRole('link', { name: 'Your rewards' }).click()
    await page.getByRole('heading', { level: 1, name: 'Rewards' }).waitFor()
    if (rewardsServed) {
      await page.getByTestId('reward-balance').filter({ hasText: /\d/ }).waitFor()
      await page.getByLabel('Tokens to pay out').fill('1.5')
      await page.getByRole('button', { name: 'Request payout' }).click()
      await page.getByText('Please enter a whole number of tokens, like 100.').waitFor()
      await capture('studio-rewards')
    } else {
      // reward-service not on main yet: the screen says so in words, and is still scanned
      await page.getByText("Rewards aren't available yet.", { exact: false }).waitFor()
      await capture('studio-rewards')
    }
    await logOut()
  })

  await step('a second person finds the pack by typing a prefix in Discover', async () => {
    await signUp(buyer.email)
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Discover' }).click()
    await page.getByRole('heading', { level: 1 }).waitFor()
    const results = page.getByRole('list', { name: 'Packs found' })
    // the catalog indexes a published pack from its event: within moments, so the typing is repeated until it shows
    const until = Date.now() + 60_000
    for (;;) {
      await page.getByLabel('Search packs').fill('')
      await page.getByLabel('Search packs').pressSequentially(prefix, { delay: 40 })
      await page.waitForURL(new RegExp(`[?&]q=${prefix}`))
      // the free pack by its own title: the creator's paid pack shares the word (and may rank first)
      const found = await results.getByRole('link', { name: new RegExp(packTitle) }).first()
        .waitFor({ timeout: 4000 }).then(() => true, () => false)
      if (found) break
      assert(Date.now() < until, `"${prefix}" did not find "${packTitle}" within 60 s`)
    }
    await capture('marketplace')
    await results.getByRole('link', { name: new RegExp(packTitle) }).first().click()
    await page.waitForURL(new RegExp(`/marketplace/${packId}$`))
    await page.getByRole('heading', { level: 1, name: packTitle }).waitFor()
    await page.getByText(`by ${creator.name}`, { exact: false }).waitFor()
    await page.getByText('Get this pack to review it.').waitFor()
    await capture('pack')
  })

  await step('claims it and sees it in the library filtered by the pack', async () => {
    await page.getByRole('button', { name: 'Add to my library (free)' }).click()
    await page.getByText('Added to your library. Its practices appear there in a moment.').waitFor()
    await page.getByRole('link', { name: 'Open its practices in your library' }).click()
    await page.waitForURL(new RegExp(`/library\\?pack=${packId}`))
    const list = page.getByRole('list', { name: 'Practices' })
    await eventually(() => list.getByText(`from ${packTitle}`).first().waitFor({ timeout: 2000 }), 30_000,
      'the pack\'s practice in the library')
    assert((await page.getByLabel('Pack').inputValue()) === packId, 'the Pack filter is set to the pack')
    await capture('library-pack')
  })

  await step('plays the pack\'s practice to the end', async () => {
    await page.getByRole('list', { name: 'Practices' }).getByRole('link').first().click()
    await page.getByRole('region', { name: /^Player:/ }).waitFor()
    const audio = page.locator('audio').first()
    await audio.evaluate((a) => new Promise((resolve, reject) => {
      if (a.readyState >= 1) resolve(undefined)
      a.addEventListener('loadedmetadata', resolve, { once: true })
      a.addEventListener('error', () => reject(new Error('audio error ' + a.error?.code)), { once: true })
    }))
    if (!(await audio.evaluate((a) => !a.paused))) await page.getByTestId('play-toggle').click()
    await page.waitForFunction(() => document.querySelector('audio').currentTime > 0.5)
    await audio.evaluate((a) => { a.currentTime = Math.max(0, a.duration - 1.5) })
    await page.getByText('Practice complete. Well done.').waitFor({ timeout: 30_000 })
  })

  await step('reviews the pack', async () => {
    await page.goto(BASE + `/marketplace/${packId}`)
    await page.getByText('This pack is in your library.').waitFor()
    const form = page.getByRole('form', { name: 'Your review' })
    await form.getByLabel('5 stars').check()
    await form.getByLabel('Your review (optional)').fill('A kind minute before sleep.')
    await form.getByRole('button', { name: 'Post review' }).click()
    await form.getByText('Thank you: your review is posted.').waitFor()
    await page.getByRole('list', { name: 'Reviews' }).getByText('A kind minute before sleep.').waitFor()
  })

  if (paymentsServed) {
    await step('buys credits in the sandbox checkout and sees them arrive', async () => {
      await page.goto(BASE + '/credits')
      const before = Number(await page.getByTestId('credit-balance').filter({ hasText: /\d/ }).textContent())
      await capture('credits-buy')
      await page.getByRole('button', { name: /^Buy Starter/ }).click()
      await payInSandbox()
      await page.waitForURL(/\/credits\?purchase=success/)
      // the webhook can be handled before this screen first asks the balance: then "arrive in a moment" is never shown
      await page.getByText(/^Payment received\. Your (credits arrive in a moment|new credits are here)\.$/).waitFor()
      await page.getByTestId('credit-balance').filter({ hasText: String(before + 3) }).waitFor({ timeout: 30_000 })
      await page.getByText('Payment received. Your new credits are here.').waitFor()
      await page.getByRole('list', { name: 'Purchases' }).getByText('Starter · 3 credits').waitFor()
    })

    await step('buys the paid pack in the sandbox checkout', async () => {
      await page.goto(BASE + `/marketplace/${paidPackId}`)
      await page.getByRole('button', { name: 'Buy for $4.99' }).click()
      await payInSandbox()
      await page.waitForURL(new RegExp(`/marketplace/${paidPackId}\\?purchase=success`))
      await page.getByText('This pack is in your library.').waitFor({ timeout: 30_000 })
    })
  } else {
    skip('buys credits in the sandbox checkout', 'POST /api/v1/credits/purchase answers 404 (payment-service not on main yet)')
    skip('buys the paid pack in the sandbox checkout', 'POST /api/v1/credits/purchase answers 404 (payment-service not on main yet)')
    await step('the credits screen lists the credit packs to buy', async () => {
      await page.goto(BASE + '/credits')
      await page.getByRole('button', { name: /^Buy Starter/ }).waitFor()
      await capture('credits-buy')
    })
  }

  await step('the creator sees the claim and the play in the pack\'s analytics', async () => {
    await logOut()
    await logIn(creator.email)
    await page.getByRole('link', { name: 'Studio' }).first().click()
    await page.getByRole('list', { name: 'Your packs' }).getByRole('link', { name: new RegExp(packTitle) }).click()
    await page.waitForURL(new RegExp(`/studio/packs/${packId}$`))
    const analytics = page.getByRole('region', { name: 'Analytics' })
    await eventually(async () => {
      await analytics.getByText('new owners (1 free, 0 bought)').waitFor({ timeout: 2000 })
      const plays = Number(await analytics.getByTestId('analytics-plays').textContent())
      assert(plays >= 1, `plays ${plays}`)
    }, 60_000, 'one claim and one play')
    await capture('studio-analytics')
    if (paymentsServed) {
      await page.goto(BASE + `/studio/packs/${paidPackId}`)
      await eventually(() => analytics.getByText('new owners (0 free, 1 bought)').waitFor({ timeout: 2000 }), 60_000,
        'the purchase in the paid pack\'s analytics')
    }
    if (rewardsServed) {
      // the buyer's completed practice earned the creator tokens (and the purchase, when there was one)
      await page.goto(BASE + '/studio/rewards')
      const history = page.getByRole('list', { name: 'Reward history' })
      await eventually(async () => {
        // after each reload the tile says "–" until the balance answers: read it once it holds a number
        const balanceTile = page.getByTestId('reward-balance').filter({ hasText: /\d/ })
        await balanceTile.waitFor({ timeout: 5000 })
        const tokens = Number(await balanceTile.textContent())
        assert(tokens > 0, `tokens ${tokens}`)
        await history.getByText('Someone practised').first().waitFor({ timeout: 2000 })
        if (paymentsServed) await history.getByText('A pack was bought').first().waitFor({ timeout: 2000 })
      }, 60_000, 'the tokens the practice (and the purchase) earned')
      await capture('studio-rewards-earned')
    } else {
      skip('the creator earns tokens from the practice and the purchase', 'GET /api/v1/rewards/balance answers 404 (reward-service not on main yet)')
    }
  })

  await step('no Content-Security-Policy violation on the way', async () => {
    assert(h.cspViolations.length === 0, h.cspViolations.join('\n'))
  })
} catch {
  // reported by step()
} finally {
  const ok = h.finish({ base: BASE, creator: creator.email, buyer: buyer.email, pack_id: packId, paid_pack_id: paidPackId, payments_served: paymentsServed })
  await close()
  process.exit(ok ? 0 : 1)
}
