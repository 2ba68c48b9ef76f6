/**
 * Policy of the registry as configuration data: organisation kinds, levels, classifications (with the
 * spellings found in research workbooks), posting roles (which count as command), kinds of source
 * (with their default sensitivity) and the ranks and titles stripped from names for matching. Pure
 * module: the settings are declared here with their defaults; rule functions take the values as
 * parameters. Administrators change them with `pocdesk settings set registry.vocabularies FILE`.
 */
import { z } from 'zod';
import { levelSchema } from '../platform/access/policy.ts';
import { defineSetting } from '../platform/settings/settings.ts';

const code = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'a code is lower-case letters and digits separated by hyphens');
const label = z.object({ en: z.string().trim().min(1), fr: z.string().trim().min(1) });

function uniqueCodes<T extends { code: string }>(entries: T[], ctx: z.RefinementCtx) {
  const seen = new Set<string>();
  entries.forEach((e, i) => {
    if (seen.has(e.code)) ctx.addIssue({ code: 'custom', path: [i, 'code'], message: `duplicate code "${e.code}"` });
    seen.add(e.code);
  });
}

const entry = z.object({ code, label });

export const vocabulariesSchema = z.object({
  /** Kinds of organisation: security-force unit or command, ministry, court, armed group, joint operation… */
  organisationKinds: z.array(entry).min(1).superRefine(uniqueCodes),
  /** Level of an organisation: national, provincial, local… */
  levels: z.array(entry).min(1).superRefine(uniqueCodes),
  /**
   * Classification of an organisation (army, police, gendarmerie…). `aliases` are the spellings found in
   * imported workbooks (compared without case and accents); `kind` is the organisation kind a unit gets
   * on import when it carries this classification (e.g. a joint task force).
   */
  classifications: z
    .array(entry.extend({ aliases: z.array(z.string().min(1)).default([]), kind: code.optional() }))
    .min(1)
    .superRefine(uniqueCodes),
  /**
   * Posting roles, in matching order: the first whose pattern occurs (as whole words, case and accents
   * ignored) in a posting's role gives its kind. `command` says what the role is in its unit: 'head'
   * (the commander, director, chief: listed as the unit's commander), 'deputy', or 'none'. `headIn`
   * lists unit-name patterns where the role is nonetheless the head (the chief of a general staff
   * heads the staff; the chief of staff of a military region does not).
   */
  roles: z
    .array(entry.extend({ command: z.enum(['head', 'deputy', 'none']), patterns: z.array(z.string().min(1)).default([]), headIn: z.array(z.string().min(1)).default([]) }))
    .min(1)
    .superRefine(uniqueCodes),
  /** Kinds of source, with the sensitivity a new source of the kind gets when none is given. */
  sourceKinds: z
    .array(entry.extend({ defaultSensitivity: levelSchema }))
    .min(1)
    .superRefine(uniqueCodes),
});
export type Vocabularies = z.infer<typeof vocabulariesSchema>;

const L = (en: string, fr: string) => ({ en, fr });

export const DEFAULT_VOCABULARIES: Vocabularies = {
  organisationKinds: [
    { code: 'unit', label: L('Security-force unit or command', 'Unité ou commandement des forces de sécurité') },
    { code: 'ministry', label: L('Ministry', 'Ministère') },
    { code: 'civilian-authority', label: L('Civilian authority', 'Autorité civile') },
    { code: 'court', label: L('Court', 'Juridiction') },
    { code: 'prosecutor', label: L('Prosecutor’s office', 'Parquet') },
    { code: 'armed-group', label: L('Armed group', 'Groupe armé') },
    { code: 'joint-operation', label: L('Joint operation or task force', 'Opération conjointe ou force opérationnelle') },
    { code: 'peacekeeping-contingent', label: L('Peacekeeping contingent', 'Contingent de maintien de la paix') },
  ],
  levels: [
    { code: 'national', label: L('National', 'National') },
    { code: 'regional', label: L('Regional (military region, zone)', 'Régional (région militaire, zone)') },
    { code: 'provincial', label: L('Provincial', 'Provincial') },
    { code: 'local', label: L('Local', 'Local') },
  ],
  classifications: [
    { code: 'military', label: L('Military', 'Militaire'), aliases: ['Military', 'Armed Forces', 'Forces armées'] },
    { code: 'army', label: L('Army', 'Armée de terre'), aliases: ['Army', 'Armée', 'Armee de terre'] },
    { code: 'air-force', label: L('Air force', 'Armée de l’air'), aliases: ['Air Force', 'Armée de l’air', "Armee de l'air"] },
    { code: 'navy', label: L('Navy', 'Marine'), aliases: ['Navy', 'Marine', 'Marine nationale'] },
    { code: 'police', label: L('Police', 'Police'), aliases: ['Police', 'National Police', 'Police nationale'] },
    { code: 'gendarmerie', label: L('Gendarmerie', 'Gendarmerie'), aliases: ['Gendarmerie'] },
    { code: 'national-guard', label: L('National guard', 'Garde nationale'), aliases: ['National Guard', 'Garde nationale'] },
    { code: 'presidential-guard', label: L('Presidential guard', 'Garde présidentielle'), aliases: ['Presidential Guard', 'Garde présidentielle', 'Republican Guard', 'Garde républicaine'] },
    { code: 'intelligence', label: L('Intelligence', 'Renseignement'), aliases: ['Intelligence', 'Renseignement', 'Security Service'] },
    { code: 'special-forces', label: L('Special forces', 'Forces spéciales'), aliases: ['Special Forces', 'Forces spéciales', 'Special Operations'] },
    { code: 'specialist-unit', label: L('Specialist unit', 'Unité spécialisée'), aliases: ['Specialist Unit', 'Specialised Unit', 'Unité spécialisée', 'Counter-terrorism', 'Anti-terrorism'] },
    { code: 'border-guard', label: L('Border guard', 'Garde-frontières'), aliases: ['Border Guard', 'Border Police', 'Garde-frontières'] },
    { code: 'customs', label: L('Customs', 'Douanes'), aliases: ['Customs', 'Douanes'] },
    { code: 'prison-service', label: L('Prison service', 'Administration pénitentiaire'), aliases: ['Prison Service', 'Prisons', 'Administration pénitentiaire'] },
    { code: 'militia', label: L('Militia or self-defence group', 'Milice ou groupe d’autodéfense'), aliases: ['Militia', 'Milice', 'Self-defence group', 'Pro-government militia'], kind: 'armed-group' },
    { code: 'armed-group', label: L('Non-state armed group', 'Groupe armé non étatique'), aliases: ['Armed Group', 'Rebel Group', 'Groupe armé'], kind: 'armed-group' },
    { code: 'joint-task-force', label: L('Joint task force or operation', 'Force opérationnelle ou opération conjointe'), aliases: ['Joint Task Force', 'Joint Operation', 'Task Force', 'Opération conjointe'], kind: 'joint-operation' },
    { code: 'peacekeeping', label: L('Peacekeeping', 'Maintien de la paix'), aliases: ['Peacekeeping', 'Peacekeeping Mission', 'Maintien de la paix'], kind: 'peacekeeping-contingent' },
    { code: 'regional-force', label: L('Regional force', 'Force régionale'), aliases: ['Regional Force', 'Force régionale', 'G5 Sahel'] },
    { code: 'ministry', label: L('Ministry', 'Ministère'), aliases: ['Ministry', 'Ministère', 'Ministere'], kind: 'ministry' },
    { code: 'civilian-authority', label: L('Civilian authority', 'Autorité civile'), aliases: ['Civilian Authority', 'Local Government', 'Governorate', 'Préfecture', 'Autorité administrative'], kind: 'civilian-authority' },
    { code: 'administrative', label: L('Administrative', 'Administratif'), aliases: ['Administrative', 'Administration'] },
    { code: 'judicial', label: L('Judicial', 'Judiciaire'), aliases: ['Judicial', 'Court', 'Tribunal', 'Prosecutor', 'Parquet'], kind: 'court' },
  ],
  roles: [
    {
      code: 'deputy-commander',
      label: L('Deputy commander', 'Commandant adjoint'),
      command: 'deputy',
      patterns: ['deputy', 'adjoint', 'adjointe', 'second in command', 'commandant en second', 'vice', 'assistant commander', 'assistant director', 'directeur adjoint'],
      headIn: [],
    },
    {
      code: 'chief-of-staff',
      label: L('Chief of staff', 'Chef d’état-major'),
      command: 'none',
      patterns: ['chief of staff', 'chief of general staff', 'chief of the general staff', 'chief of defence staff', 'chef d etat major', 'chef etat major', 'chef d em', 'cemg', 'cema'],
      headIn: ['etat major', 'general staff', 'defence staff', 'defense staff', 'staff headquarters'],
    },
    {
      code: 'sub-unit-leader',
      label: L('Leader of a sub-unit (section, post, platoon, company)', 'Chef d’une sous-unité (section, poste, peloton, compagnie)'),
      command: 'none',
      patterns: [
        'chef de section', 'chef de poste', 'chef de peloton', 'chef de groupe', 'chef d equipe', 'commandant de compagnie', 'commandant de section', 'commandant de poste',
        'section leader', 'section commander', 'platoon leader', 'platoon commander', 'post commander', 'squad leader', 'team leader', 'company commander',
      ],
      headIn: [],
    },
    {
      code: 'commander',
      label: L('Commander or head', 'Commandant ou chef'),
      command: 'head',
      patterns: [
        'commander', 'commandant', 'commanding officer', 'officer commanding', 'chef de corps', 'head', 'chief of police', 'police chief', 'chef de la police',
        'director general', 'directeur general', 'director', 'directeur', 'directrice', 'leader', 'coordinator', 'coordonnateur', 'minister', 'ministre',
        'governor', 'gouverneur', 'prefect', 'prefet', 'procureur', 'prosecutor', 'president', 'presidente', 'chef d etat', 'emir', 'general manager',
      ],
      headIn: [],
    },
    {
      code: 'staff',
      label: L('Staff officer', 'Officier d’état-major'),
      command: 'none',
      patterns: ['staff', 'officer', 'officier', 'spokesperson', 'porte parole', 'advisor', 'adviser', 'conseiller', 'chef de bureau', 'secretary', 'secretaire'],
      headIn: [],
    },
    { code: 'member', label: L('Member', 'Membre'), command: 'none', patterns: [], headIn: [] },
  ],
  sourceKinds: [
    { code: 'document', label: L('Document', 'Document'), defaultSensitivity: 'internal' },
    { code: 'report', label: L('Report', 'Rapport'), defaultSensitivity: 'internal' },
    { code: 'official-document', label: L('Official document (decree, order)', 'Document officiel (décret, ordre)'), defaultSensitivity: 'internal' },
    { code: 'media', label: L('Media article', 'Article de presse'), defaultSensitivity: 'internal' },
    { code: 'web-page', label: L('Web page (with archive copy)', 'Page web (avec copie archivée)'), defaultSensitivity: 'internal' },
    { code: 'interview', label: L('Interview note', 'Note d’entretien'), defaultSensitivity: 'restricted' },
    { code: 'other', label: L('Other', 'Autre'), defaultSensitivity: 'internal' },
  ],
};

export const vocabulariesSetting = defineSetting<Vocabularies>({
  key: 'registry.vocabularies',
  label: { en: 'Registry vocabularies', fr: 'Vocabulaires du registre' },
  description: {
    en: 'Organisation kinds and levels, classifications (with workbook spellings), posting roles (which are command) and source kinds (with default sensitivity).',
    fr: 'Types et niveaux d’organisation, classifications (avec les graphies des classeurs), fonctions (lesquelles sont de commandement) et types de source (avec sensibilité par défaut).',
  },
  schema: vocabulariesSchema as unknown as z.ZodType<Vocabularies>,
  defaultValue: DEFAULT_VOCABULARIES,
});

export const ranksSchema = z.object({
  /** Ranks with every spelling and abbreviation found in sources (French and English). */
  ranks: z
    .array(z.object({ code, label, forms: z.array(z.string().min(1)).min(1) }))
    .superRefine(uniqueCodes),
  /** Titles and honorifics stripped when they open a name (M., Mme, Dr, Hon.). */
  titles: z.array(z.string().min(1)),
});
export type RankList = z.infer<typeof ranksSchema>;

const R = (c: string, en: string, fr: string, forms: string[]) => ({ code: c, label: L(en, fr), forms });

export const DEFAULT_RANKS: RankList = {
  ranks: [
    R('general', 'General', 'Général d’armée', ['general d armee', 'general of the army', 'general', 'gen', 'gal']),
    R('lieutenant-general', 'Lieutenant general', 'Général de corps d’armée', ['lieutenant general', 'lt general', 'lt gen', 'ltgen', 'general de corps d armee', 'general de corps aerien', 'gca']),
    R('major-general', 'Major general', 'Général de division', ['major general', 'maj general', 'maj gen', 'general de division', 'general de division aerienne', 'gdi', 'gal de division']),
    R('brigadier-general', 'Brigadier general', 'Général de brigade', ['brigadier general', 'brig general', 'brig gen', 'general de brigade', 'general de brigade aerienne', 'gbr', 'gal de brigade', 'brigadier']),
    R('admiral', 'Admiral', 'Amiral', ['admiral', 'amiral', 'vice admiral', 'vice amiral', 'rear admiral', 'contre amiral']),
    R('colonel-major', 'Colonel-major', 'Colonel-major', ['colonel major', 'col major', 'col maj']),
    R('colonel', 'Colonel', 'Colonel', ['colonel', 'col', 'capitaine de vaisseau']),
    R('lieutenant-colonel', 'Lieutenant colonel', 'Lieutenant-colonel', ['lieutenant colonel', 'lt colonel', 'lt col', 'ltcol', 'lcl', 'capitaine de fregate']),
    R('major', 'Major', 'Commandant', ['major', 'maj', 'commandant', 'cdt', 'cmdt', 'chef d escadron', 'chef d escadrons', 'chef de bataillon', 'capitaine de corvette']),
    R('captain', 'Captain', 'Capitaine', ['captain', 'capt', 'cpt', 'capitaine', 'cne', 'lieutenant de vaisseau']),
    R('lieutenant', 'Lieutenant', 'Lieutenant', ['first lieutenant', 'lieutenant', 'lieut', 'lt', 'enseigne de vaisseau']),
    R('second-lieutenant', 'Second lieutenant', 'Sous-lieutenant', ['second lieutenant', '2nd lieutenant', '2nd lt', '2lt', 'sous lieutenant', 'slt', 's lt']),
    R('officer-cadet', 'Officer cadet', 'Aspirant', ['aspirant', 'officer cadet', 'cadet']),
    R('warrant-officer', 'Warrant officer', 'Adjudant', ['adjudant chef major', 'adjudant chef', 'adjudant', 'adj chef', 'adjt chef', 'adc', 'adj', 'adjt', 'major de gendarmerie', 'chief warrant officer', 'warrant officer', 'maitre principal', 'premier maitre']),
    R('sergeant', 'Sergeant', 'Sergent', ['sergent chef', 'sergent major', 'sergent', 'sgt chef', 'sgc', 'sgt', 'master sergeant', 'staff sergeant', 'sergeant major', 'sergeant', 'marechal des logis chef', 'marechal des logis', 'mdl', 'mdl chef', 'second maitre']),
    R('corporal', 'Corporal', 'Caporal', ['caporal chef', 'caporal', 'cpl chef', 'cch', 'cpl', 'corporal', 'lance corporal', 'brigadier chef', 'quartier maitre']),
    R('private', 'Private', 'Soldat', ['soldat de premiere classe', 'soldat de 1ere classe', 'soldat de deuxieme classe', 'soldat de 2e classe', 'soldat', 'private', 'pte', 'pvt', '1cl', '2cl', 'gendarme', 'matelot']),
    R('police-general', 'Inspector general of police', 'Inspecteur général de police', ['inspecteur general de police', 'inspecteur general', 'inspector general of police', 'inspector general', 'igp', 'controleur general de police', 'controleur general']),
    R('police-commissioner', 'Police commissioner', 'Commissaire de police', ['commissaire divisionnaire', 'commissaire principal', 'commissaire de police', 'commissaire', 'commissioner of police', 'commissioner', 'chief superintendent', 'superintendent']),
    R('police-inspector', 'Police inspector', 'Inspecteur de police', ['inspecteur divisionnaire', 'inspecteur principal', 'inspecteur de police', 'inspecteur', 'inspector', 'officier de police principal', 'officier de police', 'opj']),
    R('police-officer', 'Police officer', 'Agent de police', ['brigadier de police', 'sous brigadier', 'gardien de la paix', 'agent de police', 'police constable', 'constable']),
  ],
  titles: ['mr', 'mrs', 'ms', 'm', 'mme', 'mlle', 'monsieur', 'madame', 'mademoiselle', 'dr', 'docteur', 'doctor', 'prof', 'professeur', 'hon', 'honorable', 'son excellence', 'his excellency', 'her excellency', 'h e', 'sheikh', 'cheikh', 'el hadj', 'elhadj', 'hadji', 'alhaji'],
};

export const ranksSetting = defineSetting<RankList>({
  key: 'registry.ranks',
  label: { en: 'Ranks and titles', fr: 'Grades et titres' },
  description: {
    en: 'Military and police ranks with their French and English spellings and abbreviations, and titles; stripped from names when searching and matching.',
    fr: 'Grades militaires et de police avec leurs graphies et abréviations françaises et anglaises, et titres ; retirés des noms pour la recherche et la comparaison.',
  },
  schema: ranksSchema,
  defaultValue: DEFAULT_RANKS,
});
