// The instruments every clinic has. PHQ-9 and GAD-7 are free to reproduce; the sexual-health screening and the
// session satisfaction items are our own neutral wording. Licensed instruments are never bundled (DOMAIN.md).
import {
  definitionOrThrow,
  type InstrumentDefinition,
  type InstrumentDefinitionInput,
} from './instruments'

const frequency = [
  { value: 0, label: 'Not at all' },
  { value: 1, label: 'Several days' },
  { value: 2, label: 'More than half the days' },
  { value: 3, label: 'Nearly every day' },
]
const twoWeeks = 'Over the last 2 weeks, how often have you been bothered by the following?'

const phq9Items: [string, string][] = [
  ['Little interest or pleasure in doing things', '44250-9'],
  ['Feeling down, depressed, or hopeless', '44255-8'],
  ['Trouble falling or staying asleep, or sleeping too much', '44259-0'],
  ['Feeling tired or having little energy', '44254-1'],
  ['Poor appetite or overeating', '44251-7'],
  [
    'Feeling bad about yourself — or that you are a failure or have let yourself or your family down',
    '44258-2',
  ],
  [
    'Trouble concentrating on things, such as reading the newspaper or watching television',
    '44252-5',
  ],
  [
    'Moving or speaking so slowly that other people could have noticed? Or the opposite — being so fidgety or restless that you have been moving around a lot more than usual',
    '44253-3',
  ],
  ['Thoughts that you would be better off dead or of hurting yourself in some way', '44260-8'],
]
const gad7Items: [string, string][] = [
  ['Feeling nervous, anxious, or on edge', '69725-0'],
  ['Not being able to stop or control worrying', '68509-9'],
  ['Worrying too much about different things', '69733-4'],
  ['Trouble relaxing', '69734-2'],
  ['Being so restless that it is hard to sit still', '69735-9'],
  ['Becoming easily annoyed or irritable', '69689-8'],
  ['Feeling afraid as if something awful might happen', '69736-7'],
]
const items = (prefix: string, list: [string, string][]) =>
  list.map(([text, loinc], i) => ({ id: `${prefix}_${i + 1}`, text, loinc, options: frequency }))

const phq9: InstrumentDefinitionInput = {
  key: 'phq9',
  title: 'Patient Health Questionnaire (PHQ-9)',
  shortTitle: 'PHQ-9',
  intro: twoWeeks,
  items: [
    ...items('phq9', phq9Items),
    {
      id: 'phq9_10',
      text: 'If you checked off any problems, how difficult have these problems made it for you to do your work, take care of things at home, or get along with other people?',
      loinc: '69722-7',
      scored: false,
      options: [
        { value: 0, label: 'Not difficult at all' },
        { value: 1, label: 'Somewhat difficult' },
        { value: 2, label: 'Very difficult' },
        { value: 3, label: 'Extremely difficult' },
      ],
    },
  ],
  bands: [
    { min: 0, max: 4, label: 'Minimal' },
    { min: 5, max: 9, label: 'Mild' },
    { min: 10, max: 14, label: 'Moderate' },
    { min: 15, max: 19, label: 'Moderately severe' },
    { min: 20, max: 27, label: 'Severe' },
  ],
  positiveScreen: { totalAtLeast: 10 },
  // Item 9 above 0 alerts the care team whatever the total (DOMAIN.md).
  safetyAlert: { items: [{ item: 'phq9_9', atLeast: 1 }] },
  meaningfulChange: { points: 5, responseFraction: 0.5, remissionBelow: 5 },
  loinc: { panel: '44249-1', total: '44261-6' },
  licence:
    'Developed by Drs. Spitzer, Williams, Kroenke and colleagues; no permission required to reproduce.',
}

const gad7: InstrumentDefinitionInput = {
  key: 'gad7',
  title: 'Generalized Anxiety Disorder scale (GAD-7)',
  shortTitle: 'GAD-7',
  intro: twoWeeks,
  items: items('gad7', gad7Items),
  bands: [
    { min: 0, max: 4, label: 'Minimal' },
    { min: 5, max: 9, label: 'Mild' },
    { min: 10, max: 14, label: 'Moderate' },
    { min: 15, max: 21, label: 'Severe' },
  ],
  positiveScreen: { totalAtLeast: 10 },
  meaningfulChange: { points: 4 },
  loinc: { panel: '69737-5', total: '70274-6' },
  licence:
    'Developed by Drs. Spitzer, Williams, Kroenke and colleagues; no permission required to reproduce.',
}

const phq2: InstrumentDefinitionInput = {
  key: 'phq2',
  title: 'Patient Health Questionnaire-2 (PHQ-2)',
  shortTitle: 'PHQ-2',
  intro: twoWeeks,
  items: items('phq2', phq9Items.slice(0, 2)),
  bands: [
    { min: 0, max: 2, label: 'Negative screen' },
    { min: 3, max: 6, label: 'Positive screen' },
  ],
  positiveScreen: { totalAtLeast: 3 },
  loinc: { panel: '55757-9', total: '55758-7' },
  licence: phq9.licence,
}

const gad2: InstrumentDefinitionInput = {
  key: 'gad2',
  title: 'Generalized Anxiety Disorder-2 (GAD-2)',
  shortTitle: 'GAD-2',
  intro: twoWeeks,
  items: items('gad2', gad7Items.slice(0, 2)),
  bands: [
    { min: 0, max: 2, label: 'Negative screen' },
    { min: 3, max: 6, label: 'Positive screen' },
  ],
  positiveScreen: { totalAtLeast: 3 },
  licence: gad7.licence,
}

const sexualHealth: InstrumentDefinitionInput = {
  key: 'sexual_health',
  title: 'Sexual health check-in',
  shortTitle: 'Sexual health',
  intro:
    'Sexual health is part of health, and many people have questions or concerns at some point. Your answers help your care team offer the right support.',
  items: [
    {
      id: 'sexual_health_1',
      text: 'How satisfied are you with your sexual life at the moment?',
      options: [
        { value: 0, label: 'Satisfied' },
        { value: 1, label: 'Somewhat satisfied' },
        { value: 2, label: 'Somewhat dissatisfied' },
        { value: 3, label: 'Dissatisfied' },
      ],
    },
    {
      id: 'sexual_health_2',
      text: 'Is there anything about sex, intimacy or your body that you would like to talk about with your care team?',
      options: [
        { value: 0, label: 'No' },
        { value: 1, label: 'Yes' },
      ],
    },
  ],
  bands: [],
  positiveScreen: {
    items: [
      { item: 'sexual_health_2', atLeast: 1 },
      { item: 'sexual_health_1', atLeast: 2 },
    ],
  },
  licence: 'Our own wording.',
}

const agreement = [
  { value: 0, label: 'Not at all' },
  { value: 1, label: 'A little' },
  { value: 2, label: 'Somewhat' },
  { value: 3, label: 'Mostly' },
  { value: 4, label: 'Completely' },
]
const satisfaction: InstrumentDefinitionInput = {
  key: 'session_satisfaction',
  title: 'How was this session?',
  shortTitle: 'Satisfaction',
  intro: 'Your answers are private to you: the others in the session do not see them.',
  items: [
    { id: 'session_satisfaction_1', text: 'I felt listened to.', options: agreement },
    { id: 'session_satisfaction_2', text: 'The session was useful to me.', options: agreement },
    { id: 'session_satisfaction_3', text: 'I know what happens next.', options: agreement },
  ],
  higherIsWorse: false,
  licence: 'Our own wording.',
}

/** Parsed and checked at load, so a mistake in a built-in fails the first test, not a patient's submission. */
export const builtinInstruments: readonly InstrumentDefinition[] = [
  phq9,
  gad7,
  phq2,
  gad2,
  sexualHealth,
  satisfaction,
].map(definitionOrThrow)

export const builtinByKey = new Map(builtinInstruments.map((d) => [d.key, d]))
export const BUILTIN_KEYS = builtinInstruments.map((d) => d.key)
