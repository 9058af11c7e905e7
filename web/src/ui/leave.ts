/** Leaves the app for another page (a hosted checkout). One place, so tests can see where the app would go. */
export function leaveTo(url: string): void {
  window.location.assign(url)
}
