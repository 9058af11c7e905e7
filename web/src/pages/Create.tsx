import { useNavigate } from 'react-router'
import { ConversationView } from '../conversation/ConversationView'

export default function Create() {
  const navigate = useNavigate()
  return <ConversationView onReady={(id) => navigate(`/library/${id}?new=1`)} />
}
