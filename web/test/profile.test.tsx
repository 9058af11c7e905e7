import { render, screen } from '@testing-library/react'
import { MemoryRouter } from 'react-router'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { AuthProvider } from '../src/auth/AuthContext'
import Profile from '../src/pages/Profile'
import { fakeApi } from './fakeApi'

afterEach(() => vi.unstubAllGlobals())

describe('Profile voice preview', () => {
  it('shouldPlayTheVoiceSampleThroughTheGatewaysMediaPath', async () => {
    fakeApi({
      'GET /api/v1/users/me': { body: { id: 'u1', email: 'a@waqup.test', preferences: { voice_id: 'en-us-female', pace: 'moderate', tone: 'warm' } } },
      'GET /api/v1/voices': { body: { default_voice_id: 'en-us-female', voices: [{ id: 'en-us-female', name: 'Ava', language: 'en-US', gender: 'female',
        preview_url: 'http://127.0.0.1:9000/waqup-audio/previews/voices/en-us-female-1.mp3?X-Amz-Signature=abc' }] } },
    })
    const { container } = render(<AuthProvider><MemoryRouter><Profile /></MemoryRouter></AuthProvider>)

    await screen.findByRole('button', { name: 'Listen to Ava' })
    // the app's Content-Security-Policy allows media from its own origin only: the store's URL goes through /media
    expect(container.querySelector('audio')).toHaveAttribute('src', '/media/waqup-audio/previews/voices/en-us-female-1.mp3?X-Amz-Signature=abc')
  })
})

describe('Profile pace', () => {
  it('shouldShowDefaultForEachPracticeWhenNoPaceWasChosen', async () => {
    fakeApi({
      'GET /api/v1/users/me': { body: { id: 'u1', email: 'a@waqup.test', preferences: { voice_id: null, pace: null, tone: 'warm' } } },
      'GET /api/v1/voices': { body: { default_voice_id: 'en-us-female', voices: [] } },
    })
    render(<AuthProvider><MemoryRouter><Profile /></MemoryRouter></AuthProvider>)

    const pace = await screen.findByLabelText('Pace')
    expect(pace).toHaveDisplayValue('Default for each practice')
  })
})
