/**
 * Default letter templates (configuration data, part of the HRDDP configuration in config.ts).
 * Mustache, one template per letter kind and language. Layout rules applied by letters.ts:
 * paragraphs are separated by blank lines; a paragraph whose lines all start with "- " is a list;
 * other line breaks inside a paragraph are kept (signature blocks).
 *
 * Variables available to every template (see LetterView in letters.ts): mission, place, dateText,
 * reference, recipient.{name,title,organisation,salutation}, sender.{name,title}, unitsText,
 * supportText, concerns[{text,dateText,reference}], hasConcerns, conditions[{text,dueText}],
 * hasConditions, deadlineText, deadlineDays, effectiveText, previousLetters[{kindLabel,dateText,reference}],
 * hasPreviousLetters. Partial: {{> principles}}.
 */

const PRINCIPLES_EN = `The United Nations gives support to national security forces only where that support is consistent with the Charter and with international humanitarian, human rights and refugee law. Under the Human Rights Due Diligence Policy, the United Nations may not give or continue support where there are substantial grounds for believing that the recipients run a real risk of committing grave violations and the competent authorities do not take the necessary corrective or mitigating measures. The Mission is bound to inform you of its concerns, and stands ready to discuss with you the measures that would allow its support to continue.`;

const PRINCIPLES_FR = `Les Nations Unies n’apportent leur appui aux forces de sécurité nationales que dans la mesure où cet appui est compatible avec la Charte et avec le droit international humanitaire, le droit international des droits de l’homme et le droit des réfugiés. En application de la politique de diligence voulue en matière de droits de l’homme, les Nations Unies ne peuvent ni accorder ni maintenir leur appui lorsqu’il existe des motifs sérieux de croire que les bénéficiaires risquent réellement de commettre des violations graves et que les autorités compétentes ne prennent pas les mesures correctives ou d’atténuation nécessaires. La Mission est tenue de vous faire part de ses préoccupations et se tient prête à examiner avec vous les mesures qui permettraient de maintenir son appui.`;

const CONCERNS_EN = `{{#concerns}}
- {{text}}{{#dateText}} ({{dateText}}){{/dateText}}{{#reference}} [ref. {{reference}}]{{/reference}}
{{/concerns}}`;
const CONCERNS_FR = `{{#concerns}}
- {{text}}{{#dateText}} ({{dateText}}){{/dateText}}{{#reference}} [réf. {{reference}}]{{/reference}}
{{/concerns}}`;

const PREVIOUS_EN = `{{#previousLetters}}
- {{kindLabel}} of {{dateText}}{{#reference}} (ref. {{reference}}){{/reference}}
{{/previousLetters}}`;
const PREVIOUS_FR = `{{#previousLetters}}
- {{kindLabel}} du {{dateText}}{{#reference}} (réf. {{reference}}){{/reference}}
{{/previousLetters}}`;

const CONDITIONS_EN = `{{#conditions}}
- {{text}}{{#dueText}} (by {{dueText}}){{/dueText}}
{{/conditions}}`;
const CONDITIONS_FR = `{{#conditions}}
- {{text}}{{#dueText}} (échéance : {{dueText}}){{/dueText}}
{{/conditions}}`;

const SIGN_EN = `Yours sincerely,

{{sender.name}}
{{sender.title}}`;
const SIGN_FR = `Veuillez agréer, {{recipient.salutation}}, l’assurance de ma haute considération.

{{sender.name}}
{{sender.title}}`;

export const DEFAULT_LETTER_TEMPLATES = {
  kinds: [
    { id: 'first-notice' as const, label: { en: 'First notice', fr: 'Première notification' } },
    { id: 'final-notice' as const, label: { en: 'Final notice', fr: 'Notification finale' } },
    { id: 'deadline-notice' as const, label: { en: 'Deadline notice', fr: 'Mise en demeure' } },
    { id: 'termination' as const, label: { en: 'Termination of support', fr: 'Notification de cessation de l’appui' } },
    { id: 'approval-with-conditions' as const, label: { en: 'Approval with conditions', fr: 'Approbation sous conditions' } },
    { id: 'refusal' as const, label: { en: 'Refusal of support', fr: 'Refus d’appui' } },
  ],
  layout: {
    en: { dateLine: '{{place}}, {{dateText}}', referenceLine: 'Ref.: {{reference}}', subjectLine: 'Subject: {{subject}}' },
    fr: { dateLine: '{{place}}, le {{dateText}}', referenceLine: 'Réf. : {{reference}}', subjectLine: 'Objet : {{subject}}' },
  },
  and: { en: 'and', fr: 'et' },
  defaultSalutation: { en: 'Dear Sir or Madam', fr: 'Madame, Monsieur' },
  partials: {
    en: { principles: PRINCIPLES_EN },
    fr: { principles: PRINCIPLES_FR },
  },
  templates: {
    'first-notice': {
      en: {
        subject: 'Human rights due diligence policy – {{unitsText}} – concerns',
        body: `{{recipient.salutation}},

The {{mission}} has received serious allegations concerning members of the following units, which receive United Nations support ({{supportText}}): {{unitsText}}. The allegations concern in particular:

${CONCERNS_EN}

{{> principles}}

The Mission therefore asks you to inform it of the measures taken or planned to investigate these facts, to remove the persons implicated from their duties and to bring those responsible to justice.

${SIGN_EN}`,
      },
      fr: {
        subject: 'Politique de diligence voulue en matière de droits de l’homme – {{unitsText}} – préoccupations',
        body: `{{recipient.salutation}},

La {{mission}} a été saisie d’allégations graves visant des éléments des unités suivantes, qui bénéficient de l’appui des Nations Unies ({{supportText}}) : {{unitsText}}. Ces allégations portent notamment sur les faits suivants :

${CONCERNS_FR}

{{> principles}}

La Mission vous prie en conséquence de lui faire connaître les mesures prises ou envisagées pour enquêter sur ces faits, suspendre de leurs fonctions les personnes mises en cause et traduire les responsables en justice.

${SIGN_FR}`,
      },
    },
    'final-notice': {
      en: {
        subject: 'Human rights due diligence policy – {{unitsText}} – final notice',
        body: `{{recipient.salutation}},

{{#hasPreviousLetters}}
The Mission refers to its earlier correspondence:

${PREVIOUS_EN}

{{/hasPreviousLetters}}
To date the Mission has not been informed of any concrete corrective measure concerning the following facts, attributed to members of the units named above:

${CONCERNS_EN}

{{> principles}}

Without a concrete answer, the Mission will have to consider suspending or ending its support ({{supportText}}) to these units.

${SIGN_EN}`,
      },
      fr: {
        subject: 'Politique de diligence voulue en matière de droits de l’homme – {{unitsText}} – notification finale',
        body: `{{recipient.salutation}},

{{#hasPreviousLetters}}
La Mission se réfère à ses courriers antérieurs :

${PREVIOUS_FR}

{{/hasPreviousLetters}}
À ce jour, aucune mesure corrective concrète n’a été portée à la connaissance de la Mission au sujet des faits suivants, attribués à des éléments des unités susmentionnées :

${CONCERNS_FR}

{{> principles}}

Faute de réponse concrète, la Mission devra envisager la suspension ou la cessation de son appui ({{supportText}}) à ces unités.

${SIGN_FR}`,
      },
    },
    'deadline-notice': {
      en: {
        subject: 'Human rights due diligence policy – {{unitsText}} – deadline for corrective measures',
        body: `{{recipient.salutation}},

{{#hasPreviousLetters}}
The Mission refers to its earlier correspondence, which has remained without a satisfactory answer:

${PREVIOUS_EN}

{{/hasPreviousLetters}}
The concerns it set out remain:

${CONCERNS_EN}

{{> principles}}

Unless concrete corrective measures are brought to the Mission’s attention within {{deadlineDays}} days, that is by {{deadlineText}} at the latest, United Nations support ({{supportText}}) to the following units will end: {{unitsText}}.

${SIGN_EN}`,
      },
      fr: {
        subject: 'Politique de diligence voulue en matière de droits de l’homme – {{unitsText}} – délai pour l’adoption de mesures correctives',
        body: `{{recipient.salutation}},

{{#hasPreviousLetters}}
La Mission se réfère à ses courriers antérieurs, restés sans réponse satisfaisante :

${PREVIOUS_FR}

{{/hasPreviousLetters}}
Les préoccupations qui y étaient exposées demeurent :

${CONCERNS_FR}

{{> principles}}

À défaut de mesures correctives concrètes portées à la connaissance de la Mission dans un délai de {{deadlineDays}} jours, soit au plus tard le {{deadlineText}}, il sera mis fin à l’appui des Nations Unies ({{supportText}}) aux unités suivantes : {{unitsText}}.

${SIGN_FR}`,
      },
    },
    termination: {
      en: {
        subject: 'Human rights due diligence policy – {{unitsText}} – termination of support',
        body: `{{recipient.salutation}},

{{#hasPreviousLetters}}
The Mission refers to its earlier correspondence:

${PREVIOUS_EN}

{{/hasPreviousLetters}}
{{#deadlineText}}
The deadline set for {{deadlineText}} has passed without any concrete corrective measure being brought to the Mission’s attention regarding:
{{/deadlineText}}
{{^deadlineText}}
No concrete corrective measure has been brought to the Mission’s attention regarding:
{{/deadlineText}}

${CONCERNS_EN}

{{> principles}}

Accordingly, United Nations support ({{supportText}}) to the following units ends with effect from {{effectiveText}}: {{unitsText}}. Support may be reconsidered once the competent authorities have taken the necessary corrective measures.

${SIGN_EN}`,
      },
      fr: {
        subject: 'Politique de diligence voulue en matière de droits de l’homme – {{unitsText}} – cessation de l’appui',
        body: `{{recipient.salutation}},

{{#hasPreviousLetters}}
La Mission se réfère à ses courriers antérieurs :

${PREVIOUS_FR}

{{/hasPreviousLetters}}
{{#deadlineText}}
Le délai fixé au {{deadlineText}} a expiré sans qu’aucune mesure corrective concrète ait été portée à la connaissance de la Mission au sujet des faits suivants :
{{/deadlineText}}
{{^deadlineText}}
Aucune mesure corrective concrète n’a été portée à la connaissance de la Mission au sujet des faits suivants :
{{/deadlineText}}

${CONCERNS_FR}

{{> principles}}

En conséquence, il est mis fin, à compter du {{effectiveText}}, à l’appui des Nations Unies ({{supportText}}) aux unités suivantes : {{unitsText}}. Cet appui pourra être réexaminé lorsque les autorités compétentes auront pris les mesures correctives nécessaires.

${SIGN_FR}`,
      },
    },
    'approval-with-conditions': {
      en: {
        subject: 'Human rights due diligence policy – {{unitsText}} – support approved with conditions',
        body: `{{recipient.salutation}},

The Mission is pleased to inform you that the requested support ({{supportText}}) to the following units is approved: {{unitsText}}.

{{> principles}}

{{#hasConcerns}}
The Mission’s assessment raised the following concerns:

${CONCERNS_EN}

{{/hasConcerns}}
The support is therefore subject to the following conditions:

${CONDITIONS_EN}

Failure to meet these conditions may lead to the suspension or withdrawal of the support.

${SIGN_EN}`,
      },
      fr: {
        subject: 'Politique de diligence voulue en matière de droits de l’homme – {{unitsText}} – appui approuvé sous conditions',
        body: `{{recipient.salutation}},

La Mission a l’honneur de vous informer que l’appui demandé ({{supportText}}) au profit des unités suivantes est approuvé : {{unitsText}}.

{{> principles}}

{{#hasConcerns}}
L’évaluation de la Mission a fait apparaître les préoccupations suivantes :

${CONCERNS_FR}

{{/hasConcerns}}
Cet appui est en conséquence subordonné aux conditions suivantes :

${CONDITIONS_FR}

Le non-respect de ces conditions pourra entraîner la suspension ou le retrait de l’appui.

${SIGN_FR}`,
      },
    },
    refusal: {
      en: {
        subject: 'Human rights due diligence policy – {{unitsText}} – support refused',
        body: `{{recipient.salutation}},

The Mission regrets to inform you that the requested support ({{supportText}}) to the following units cannot be given at this stage: {{unitsText}}.

{{> principles}}

The decision rests on the following concrete concerns:

${CONCERNS_EN}

{{#hasConditions}}
The Mission will reconsider the request if the following measures are taken:

${CONDITIONS_EN}

{{/hasConditions}}
${SIGN_EN}`,
      },
      fr: {
        subject: 'Politique de diligence voulue en matière de droits de l’homme – {{unitsText}} – refus d’appui',
        body: `{{recipient.salutation}},

La Mission a le regret de vous informer que l’appui demandé ({{supportText}}) au profit des unités suivantes ne peut être accordé en l’état : {{unitsText}}.

{{> principles}}

Cette décision repose sur les préoccupations concrètes suivantes :

${CONCERNS_FR}

{{#hasConditions}}
La Mission réexaminera la demande si les mesures suivantes sont prises :

${CONDITIONS_FR}

{{/hasConditions}}
${SIGN_FR}`,
      },
    },
  },
};
