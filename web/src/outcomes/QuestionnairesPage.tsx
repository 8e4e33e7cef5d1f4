// Patients and partners answer their own questionnaires: straight after leaving the call (their guest session),
// or later through their questionnaire link. Each person answers privately on their own device.
import { useParams } from '@solidjs/router'
import { createResource, createSignal, Match, Show, Switch } from 'solid-js'
import { Id } from '../../../shared/ids'
import type { MyQuestionnaires } from '../../../shared/outcomes'
import { CopyLink } from '../ui/CopyLink'
import { ErrorMessage } from '../ui/ErrorMessage'
import { Layout } from '../ui/Layout'
import { listMyQuestionnaires, offerQuestionnaires, type RespondentAuth } from './api'
import { linkUrl, takeLinkSecret } from './link-secret'
import { QuestionnaireForm } from './QuestionnaireForm'

export default function QuestionnairesPage() {
  const params = useParams()
  const sessionId = Id.safeParse(params.id)
  const auth: RespondentAuth = sessionId.success ? {} : { linkSecret: takeLinkSecret() }
  const [data, { refetch }] = createResource<MyQuestionnaires>(() =>
    sessionId.success ? offerQuestionnaires(sessionId.data) : listMyQuestionnaires(auth)
  )
  // The link is shown once, when issued; keep it while the person goes through the questionnaires.
  const [link, setLink] = createSignal<string>()
  // "n of m" counts what this visit asks (open when it loaded, or offered since), not questionnaires sent on
  // earlier visits, which a link reopened weeks later for a measure due would otherwise add.
  const asked = new Set<string>()
  const open = () => {
    const list = data.latest?.questionnaires.filter((q) => q.status === 'open') ?? []
    for (const q of list) asked.add(q.responseId)
    return list
  }
  const total = () => {
    open()
    return asked.size
  }
  const onLoaded = () => {
    const l = data.latest?.link
    if (l && !link()) setLink(linkUrl(l.secret))
    return true
  }

  return (
    <Layout plainBrand>
      <Switch>
        <Match when={data.error as unknown}>
          {(error) => (
            <>
              <h1>Your questionnaires</h1>
              <ErrorMessage error={error()} onRetry={() => void refetch()} />
            </>
          )}
        </Match>
        <Match when={!data.latest}>
          <p class="loading" role="status">
            Loading your questionnaires…
          </p>
        </Match>
        <Match when={onLoaded() && open()[0]} keyed>
          {(current) => (
            <>
              <QuestionnaireForm
                questionnaire={current}
                auth={auth}
                position={`Questionnaire ${total() - open().length + 1} of ${total()}`}
                onSent={() => {
                  void refetch()
                  window.scrollTo(0, 0)
                }}
              />
              <LaterLink url={link()} />
            </>
          )}
        </Match>
        <Match when={true}>
          <h1 tabindex="-1" data-screen-heading>
            Thank you
          </h1>
          <p>Your answers have been sent to your care team. You can close this page now.</p>
        </Match>
      </Switch>
    </Layout>
  )
}

function LaterLink(props: { url: string | undefined }) {
  return (
    <Show when={props.url}>
      {(url) => (
        <section class="section notice" aria-labelledby="later-link">
          <h2 id="later-link">Finish later</h2>
          <p>
            Your answers are saved as you go. To come back later, keep this private link. It works
            for 14 days and opens only your own questionnaires.
          </p>
          <CopyLink name="your questionnaires" labelPrefix="Link to" url={url()} />
        </section>
      )}
    </Show>
  )
}
