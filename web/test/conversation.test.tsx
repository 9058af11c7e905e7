import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { MemoryRouter } from 'react-router'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ApiError } from '../src/api/errors'
import type { ContentType, Generating, Summary, Turn } from '../src/api/types'
import { ConversationView } from '../src/conversation/ConversationView'
import type { Push, SessionState, Transport } from '../src/conversation/transport'

const summary: Summary = {
  content_type: 'affirmation', title: 'Sleep affirmations', focus: 'sleep', duration: '1 minute', duration_seconds: 60,
  time_of_day: 'evening', place: 'anywhere', voice_id: 'en-us-female', pace: 'slow', tone: 'calm', cost: 1, available: 1,
}

/** A scripted platform: each message gets the next turn; complete starts a generation the test pushes news about. */
class FakeTransport implements Transport {
  kind: 'websocket' | 'rest' = 'websocket'
  sent: string[] = []
  push: ((p: Push) => void) | null = null
  completeError: unknown = null
  sendError: unknown = null

  constructor(private readonly turns: Turn[]) {}

  async start(type: ContentType): Promise<Turn> {
    return { session_id: 's1', state: 'Greeting', text: `Let's make your ${type}. What is on your mind?` }
  }

  async send(_sessionId: string, text: string): Promise<Turn> {
    if (this.sendError) throw this.sendError
    this.sent.push(text)
    return this.turns.shift()!
  }

  async complete(): Promise<Generating> {
    if (this.completeError) throw this.completeError
    return { ritual_id: 'r-42', status: 'generating', estimated_time: 11 }
  }

  async decline(): Promise<Turn> {
    return { session_id: 's1', state: 'Personalization', text: 'What would you like to change?' }
  }

  saved: SessionState | null = null

  async state(): Promise<SessionState> {
    if (!this.saved) throw new ApiError(404, 'SESSION_NOT_FOUND', 'gone')
    return this.saved
  }

  follow(_id: string, onPush: (p: Push) => void) {
    this.push = onPush
    return () => undefined
  }

  close() {}
}

function renderView(transport: FakeTransport, onReady = vi.fn()) {
  render(
    <MemoryRouter>
      <ConversationView connectTransport={async () => transport} onReady={onReady} />
    </MemoryRouter>,
  )
  return onReady
}

afterEach(() => {
  sessionStorage.clear()
  delete (globalThis as { webkitSpeechRecognition?: unknown }).webkitSpeechRecognition
})

describe('ConversationView', () => {
  it('shouldShowTheQuestionsAsBubblesAndSendAQuickReplyChip', async () => {
    const user = userEvent.setup()
    const transport = new FakeTransport([{ session_id: 's1', state: 'PracticeDetails', text: 'How long would you like it to be?' }])
    renderView(transport)

    await user.click(screen.getByRole('button', { name: 'Affirmations' }))
    const log = screen.getByRole('list', { name: 'Conversation' })
    expect(within(log).getByText(/What is on your mind/)).toBeInTheDocument()

    await user.click(screen.getByRole('button', { name: 'Sleep better' }))

    expect(transport.sent).toEqual(['Sleep better'])
    expect(within(log).getByText('Sleep better')).toBeInTheDocument()
    expect(within(log).getByText('How long would you like it to be?')).toBeInTheDocument()
    expect(screen.getByRole('button', { name: '5 minutes' })).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'You choose' })).toBeInTheDocument()
    expect(log.closest('section')).toHaveAttribute('data-transport', 'websocket')
  })

  it('shouldConfirmWithTheCostAndBalanceThenFollowPushedProgressToTheReadyItem', async () => {
    const user = userEvent.setup()
    const transport = new FakeTransport([{ session_id: 's1', state: 'Confirmation', text: 'Here is what I will create.', summary }])
    const onReady = renderView(transport)
    await user.click(screen.getByRole('button', { name: 'Affirmations' }))
    await user.type(screen.getByLabelText('Your answer'), '1 minute of affirmations for sleep{Enter}')

    const card = screen.getByRole('article', { name: 'Sleep affirmations' })
    expect(within(card).getByTestId('cost')).toHaveTextContent('Costs 1 credit · you have 1')
    await user.click(within(card).getByRole('button', { name: 'Create it' }))

    expect(screen.getByRole('heading', { name: 'Creating your practice' })).toBeInTheDocument()
    act(() => transport.push!({ type: 'progress', ritual_id: 'r-42', status: 'voicing', progress: 60 }))
    expect(screen.getByTestId('generation-status')).toHaveTextContent('Voicing it… 60%')
    expect(screen.getByRole('progressbar')).toHaveAttribute('value', '60')
    act(() => transport.push!({ type: 'progress', ritual_id: 'r-42', status: 'voicing', progress: 40 }))
    expect(screen.getByRole('progressbar')).toHaveAttribute('value', '60')
    act(() => transport.push!({ type: 'ready', ritual_id: 'r-42' }))
    expect(onReady).toHaveBeenCalledWith('r-42')
  })

  it('shouldLeadToCreditsWhenThePlatformAnswers402', async () => {
    const user = userEvent.setup()
    const transport = new FakeTransport([{ session_id: 's1', state: 'Confirmation', text: 'Ready?', summary: { ...summary, cost: 2, available: 0 } }])
    transport.completeError = new ApiError(402, 'INSUFFICIENT_CREDITS', 'short', { required: 2, available: 0 })
    renderView(transport)
    await user.click(screen.getByRole('button', { name: 'Affirmations' }))
    await user.click(screen.getByRole('button', { name: 'You choose' }))

    expect(await screen.findByText('You need 2 more credits.')).toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: 'Create it' }))

    // the refusal arrives after the click's promise settles: wait for it rather than read it at once
    const alert = await waitFor(() => {
      const found = screen.getAllByRole('alert').find((a) => a.textContent?.includes('This needs 2 credits and you have 0.'))
      expect(found).toBeDefined()
      return found
    })
    expect(within(alert!).getByRole('link', { name: 'Get more credits' })).toHaveAttribute('href', '/credits')
  })

  it('shouldKeepWhatWasTypedWhenTheNetworkIsLost', async () => {
    const user = userEvent.setup()
    const transport = new FakeTransport([])
    transport.kind = 'rest'
    renderView(transport)
    await user.click(screen.getByRole('button', { name: 'Ritual' }))
    transport.sendError = new ApiError(0, 'NETWORK', 'offline')

    await user.type(screen.getByLabelText('Your answer'), 'I want to feel calm before work{Enter}')

    expect(screen.getByRole('alert')).toHaveTextContent(/offline/)
    expect(screen.getByLabelText('Your answer')).toHaveValue('I want to feel calm before work')
    expect(within(screen.getByRole('list', { name: 'Conversation' })).queryByText('I want to feel calm before work')).toBeNull()
    expect(sessionStorage.getItem('waqup.draft.conversation')).toBe('I want to feel calm before work')
  })

  it('shouldOfferVoiceInputOnlyWhereTheBrowserRecognizesSpeech', async () => {
    const user = userEvent.setup()
    renderView(new FakeTransport([]))
    await user.click(screen.getByRole('button', { name: 'Ritual' }))
    expect(screen.queryByRole('button', { name: 'Speak' })).toBeNull()
  })

  it('shouldPutRecognizedSpeechIntoTheAnswer', async () => {
    class Recognizer {
      lang = ''
      interimResults = false
      continuous = false
      onresult: ((e: unknown) => void) | null = null
      onend: (() => void) | null = null
      onerror: (() => void) | null = null
      start() {
        this.onresult?.({ results: [[{ transcript: 'help me sleep' }]] })
        this.onend?.()
      }
      stop() {}
    }
    ;(globalThis as { webkitSpeechRecognition?: unknown }).webkitSpeechRecognition = Recognizer
    const user = userEvent.setup()
    renderView(new FakeTransport([]))
    await user.click(screen.getByRole('button', { name: 'Affirmations' }))

    await user.click(screen.getByRole('button', { name: 'Speak' }))

    expect(screen.getByLabelText('Your answer')).toHaveValue('help me sleep')
  })

  it('shouldPickUpTheConversationInProgressAfterAReloadOrANewLogin', async () => {
    const user = userEvent.setup()
    const first = new FakeTransport([{ session_id: 's1', state: 'PracticeDetails', text: 'How long would you like it to be?' }])
    renderView(first)
    await user.click(screen.getByRole('button', { name: 'Affirmations' }))
    await user.click(screen.getByRole('button', { name: 'Sleep better' }))
    expect(sessionStorage.getItem('waqup.conversation.session')).toBe('s1')
    cleanup()

    const again = new FakeTransport([])
    again.saved = {
      turn: { session_id: 's1', state: 'PracticeDetails', text: 'How long would you like it to be?' },
      messages: [
        { role: 'assistant', content: "Let's make your affirmation." },
        { role: 'user', content: 'Sleep better' },
        { role: 'assistant', content: 'How long would you like it to be?' },
      ],
    }
    renderView(again)

    const log = await screen.findByRole('list', { name: 'Conversation' })
    expect(within(log).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      "waQup: Let's make your affirmation.", 'You: Sleep better', 'waQup: How long would you like it to be?',
    ])
    expect(screen.getByRole('button', { name: '10 minutes' })).toBeInTheDocument()
  })

  it('shouldStartFreshWhenTheSavedConversationHasExpired', async () => {
    sessionStorage.setItem('waqup.conversation.session', 'old')
    renderView(new FakeTransport([]))
    expect(await screen.findByRole('heading', { name: 'What would you like to create?' })).toBeInTheDocument()
    await vi.waitFor(() => expect(sessionStorage.getItem('waqup.conversation.session')).toBeNull())
  })

  it('shouldNeverEraseWhatIsTypedWhileTheLastAnswerIsOnItsWay', async () => {
    const user = userEvent.setup()
    let reply: (t: Turn) => void = () => undefined
    const transport = new FakeTransport([])
    transport.send = (_id, text) => {
      transport.sent.push(text)
      return new Promise<Turn>((resolve) => {
        reply = resolve
      })
    }
    renderView(transport)
    await user.click(screen.getByRole('button', { name: 'Ritual' }))

    await user.type(screen.getByLabelText('Your answer'), 'A morning ritual for focus{Enter}')
    expect(screen.getByLabelText('Your answer')).toHaveValue('')
    await user.type(screen.getByLabelText('Your answer'), 'at my desk')
    await act(async () => reply({ session_id: 's1', state: 'PracticeDetails', text: 'How long?' }))

    expect(screen.getByText('How long?')).toBeInTheDocument()
    expect(screen.getByLabelText('Your answer')).toHaveValue('at my desk')
    expect(sessionStorage.getItem('waqup.draft.conversation')).toBe('at my desk')
  })
})
