/**
 * The richer demo application (default): a fibre and energy field-operations app. It
 * keeps the sample's Boolean task groups (same names, French labels, rules, colours and
 * oddities) and adds Number and Text tasks, several work-order types and metadata.
 *
 * Difference from the sample: three sample tasks whose rules can never validate are not
 * counted in the score here (`conformity_status: false`), so work orders can reach 100.
 */
import { uuidFor } from '../random';
import { fiberTaskGroups } from './fiber';
import type { AppDefinition, TaskDefinition, TaskGroupDefinition } from './types';
import { GREEN, GREY, ORANGE, RED, YELLOW, booleanRules, booleanTask, rule } from './types';

const NEVER_VALIDATED = new Set(['test_performances_quality', 'boite_aux_lettres_sonnette_quality', 'mosaique_television_quality']);

function id(name: string): string {
  return uuidFor('network-app', name);
}

function numberTask(
  name: string,
  sentence: string,
  rules: TaskDefinition['outcome_validation'],
  candidates: number[],
  conformity = true,
): TaskDefinition {
  return {
    id: id(`task:${name}`),
    name,
    sentence,
    mandatory: true,
    only_for_dashboard: false,
    conformity_status: conformity,
    outcome_type: 'Number',
    outcome_display: 'Input',
    outcome_validation: rules,
    candidates,
  };
}

function textTask(
  name: string,
  sentence: string,
  rules: TaskDefinition['outcome_validation'],
  candidates: string[],
  options: { conformity?: boolean; dashboardOnly?: boolean } = {},
): TaskDefinition {
  return {
    id: id(`task:${name}`),
    name,
    sentence,
    mandatory: options.conformity ?? true,
    only_for_dashboard: options.dashboardOnly ?? false,
    conformity_status: options.conformity ?? true,
    outcome_type: 'Text',
    outcome_display: 'Input',
    outcome_validation: rules,
    candidates,
  };
}

function boolTask(name: string, sentence: string, ok: string, ko: string, koColor = RED): TaskDefinition {
  return booleanTask(id(`task:${name}`), name, sentence, booleanRules(ok, ko, koColor));
}

function group(
  name: string,
  displayName: string,
  description: string,
  order: number,
  exampleCount: number,
  tasks: TaskDefinition[],
): TaskGroupDefinition {
  return {
    id: id(`group:${name}`),
    name,
    display_name: displayName,
    description,
    order,
    exampleCount,
    remote_algorithm_instances: [id(`rai:${name}`)],
    tasks,
  };
}

const FIBRE_COLOURS = ['bleu', 'orange', 'vert', 'marron', 'gris', 'blanc', 'rouge', 'noir', 'jaune', 'violet', 'rose', 'turquoise'];

export function networkApp(): AppDefinition {
  const sampleGroups = fiberTaskGroups().map((g) => ({
    ...g,
    tasks: g.tasks.map((t) => (NEVER_VALIDATED.has(t.name) ? { ...t, conformity_status: false } : t)),
  }));
  const extraGroups: TaskGroupDefinition[] = [
    group('mesure-optique', 'Mesure optique', "Photo de l'écran du réflectomètre ou du photomètre, valeurs lisibles.", 7, 2, [
      numberTask(
        'attenuation_db',
        'Atténuation du lien (dB)',
        [
          rule({ type: 'number', maximum: 25 }, GREEN, 'Atténuation conforme : {} dB', true),
          rule({ type: 'number', exclusiveMinimum: 25, maximum: 28 }, ORANGE, 'Atténuation limite : {} dB', false),
          rule({ type: 'number', exclusiveMinimum: 28 }, RED, 'Atténuation trop forte : {} dB', false),
          rule({}, GREY, 'Mesure non analysée', false, true),
        ],
        [12.4, 18.9, 21.5, 23.7, 26.2, 29.8, 31.5],
      ),
      numberTask(
        'puissance_recue_dbm',
        'Puissance reçue (dBm)',
        [
          rule({ type: 'number', minimum: -28, maximum: -8 }, GREEN, 'Puissance reçue {} dBm', true),
          rule({ type: 'number' }, RED, 'Puissance hors plage : {} dBm', false),
        ],
        [-21.3, -18.6, -15.2, -24.9, -30.4, -6.5],
      ),
      boolTask('ecran_lisible', 'Écran de mesure lisible', 'Écran lisible', 'Écran illisible', YELLOW),
    ]),
    group('etiquette-cable', 'Étiquette câble', 'Étiquette du câble de branchement, en gros plan.', 8, 1, [
      textTask(
        'reference_cable',
        'Référence du câble',
        [
          rule({ type: 'string', pattern: '^CAB-[0-9]{6}$' }, GREEN, 'Référence {}', true),
          rule({ type: 'string', minLength: 1 }, ORANGE, 'Référence non conforme : {}', false),
        ],
        ['CAB-004512', 'CAB-118730', 'CAB-902144', 'CAB-3301', 'CBA-778812'],
      ),
      boolTask('etiquette_presente', 'Étiquette présente', 'Étiquette présente', 'Étiquette absente'),
      textTask(
        'couleur_fibre',
        'Couleur de la fibre',
        [rule({ type: 'string', enum: FIBRE_COLOURS }, GREY, 'Fibre {}', true)],
        ['bleu', 'rouge', 'vert', 'jaune', 'indéterminée'],
        { conformity: false, dashboardOnly: true },
      ),
    ]),
    group('compteur-electrique', 'Compteur électrique', 'Compteur entier, afficheur et numéro PRM visibles.', 9, 3, [
      textTask(
        'numero_prm',
        'Numéro PRM',
        [
          rule({ type: 'string', pattern: '^[0-9]{14}$' }, GREEN, 'PRM {}', true),
          rule({ type: 'string' }, RED, 'PRM illisible ou invalide : {}', false),
        ],
        ['09214587334512', '30001542298871', '1450026611', '5002A119340021'],
      ),
      numberTask(
        'index_kwh',
        'Index relevé (kWh)',
        [rule({ type: 'integer', minimum: 0 }, GREEN, 'Index relevé : {} kWh', true), rule({ type: 'number' }, RED, 'Index incohérent : {}', false)],
        [1542, 20877, 48213, 7310, -1, 3312.5],
      ),
      boolTask('scelle_present', 'Scellé présent', 'Scellé présent', 'Scellé absent', YELLOW),
    ]),
    group('poteau', 'Poteau', 'Poteau en entier, du pied au sommet, et sa plaque.', 10, 0, [
      numberTask(
        'nombre_cables',
        'Nombre de câbles',
        [
          rule({ type: 'integer', minimum: 0, maximum: 12 }, GREEN, '{} câble(s) sur le poteau', true),
          rule({ type: 'integer', exclusiveMinimum: 12 }, RED, 'Poteau surchargé : {} câbles', false),
        ],
        [2, 4, 6, 9, 11, 14, 17],
      ),
      {
        ...boolTask('poteau_incline', 'Poteau incliné', 'Poteau incliné', 'Poteau droit'),
        outcome_validation: [
          rule({ type: 'boolean', const: false }, GREEN, 'Poteau droit', true),
          rule({ type: 'boolean', const: true }, RED, 'Poteau incliné', false),
        ],
      },
      textTask(
        'plaque_identification',
        "Plaque d'identification",
        [rule({ type: 'string', minLength: 4, maxLength: 20 }, GREY, 'Plaque {}', true)],
        ['PT-75-0412', 'PT-92-1180', 'X1'],
        {
          conformity: false,
        },
      ),
    ]),
  ];
  return {
    key: 'network',
    name: 'Réseau fibre & énergie',
    siteId: id('site'),
    appVersionId: id('app-version'),
    taskGroups: [...sampleGroups, ...extraGroups],
    workOrderTypes: [
      {
        id: 'efd1ccc3-42a5-46d5-8ad3-b7dcd2bb6fd6',
        name: 'raccordement',
        task_group_names: ['pm-ouvert-avant', 'pm-ouvert-apres', 'Pm-ferme-avant', 'PM-ferme-apres', 'mesure-optique', 'etiquette-cable'],
      },
      {
        id: '6974c965-cb1c-4ee0-8518-fe6fe5945251',
        name: 'maintenance',
        task_group_names: ['pm-ouvert-avant', 'PB-ouvert-avant', 'PB-ferme-avant', 'mesure-optique'],
      },
      { id: '2203e52c-2bf8-4e5a-b882-31b21138397b', name: 'inspection-rapide', task_group_names: ['pm-ouvert-apres', 'Pm-ferme-avant'] },
      { id: id('type:releve-compteur'), name: 'releve-compteur', task_group_names: ['compteur-electrique'] },
      { id: id('type:audit-poteau'), name: 'audit-poteau', task_group_names: ['poteau', 'etiquette-cable'] },
    ],
    metadataDefinitions: [
      { name: 'region', description: 'Région d’intervention', type: 'text', required: true, examples: ['Île-de-France'] },
      { name: 'ID PB', description: 'Identifiant du point de branchement', type: 'text', required: false, examples: ['PB-75-0412'] },
      { name: 'ID PM', description: 'Identifiant du point de mutualisation', type: 'text', required: false, examples: ['PM-75-018'] },
      { name: 'intervention_date', description: "Date prévue de l'intervention", type: 'text', required: false, examples: ['2026-05-29'] },
      { name: 'priority', description: 'Priorité (1 = haute)', type: 'number', required: false, examples: [1, 2, 3] },
      { name: 'urgent', description: 'Intervention urgente', type: 'boolean', required: false, examples: [false] },
      { name: 'created_with', description: 'Origine du bon de travail', type: 'text', required: false, examples: ['mobile_app', 'api'] },
    ],
  };
}
