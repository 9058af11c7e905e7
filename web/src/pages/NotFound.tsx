import { Link } from 'react-router'

export default function NotFound() {
  return (
    <section className="stack">
      <h1>Nothing here</h1>
      <p>This page does not exist. <Link to="/">Go home</Link></p>
    </section>
  )
}
