/**
 * The application of the real sample (`fixtures/deepomatic-sample-work-orders.json`):
 * its six task groups, ids, French labels, rules and colours, oddities included
 * (`outcome_validation` null or empty, rules that never validate, a gap in `order`).
 */
import type { AppDefinition, TaskGroupDefinition } from './types';
import { GREEN, GREY, ORANGE, PURPLE, YELLOW, booleanRules, booleanTask, rule } from './types';

export function fiberTaskGroups(): TaskGroupDefinition[] {
  return [
    {
      id: '54d4ef99-5254-49ab-bed4-92c0eb180f0c',
      name: 'pm-ouvert-avant',
      display_name: 'PM ouvert avant',
      description: "Testing a task's description here for ui purpose.",
      order: 0,
      exampleCount: 5,
      remote_algorithm_instances: ['e1c87d31-323c-420c-9dae-48d3a4342edb'],
      tasks: [
        booleanTask('7766eee7-e0f0-4308-93d8-aee7147e592a', 'pm_ouvert_avant', 'Pm ouvert avant', [
          rule({ type: 'boolean', const: true }, GREEN, '{}', true),
          rule({ type: 'boolean', const: false }, PURPLE, '{}', false),
        ]),
        booleanTask('16a31c29-6689-4e28-bf55-6bb8d13a4cc9', 'test_performances', 'Test performances', booleanRules('OK', 'KO')),
        booleanTask('9a054f9a-85c0-44b9-b3fc-b3ceea17c2a6', 'point_de_penetration_quality', 'Point de penetration quality', booleanRules('OK', 'KO')),
        booleanTask('eeee38e0-1d4c-4a41-8814-88b87d630ffe', 'point_de_penetration', 'Point de penetration', booleanRules('Ok', 'KO')),
        booleanTask('d1717796-8c82-4dc4-8925-900ac315229a', 'test_performances_quality', 'Test performances quality', [
          rule({ type: 'boolean', const: false }, GREY, 'Numbers of outcome', false),
          rule({ type: 'boolean', const: false }, YELLOW, 'Plant', true),
        ]),
        booleanTask('47dcdeea-ec92-439b-9843-041c5286fc68', 'boite_aux_lettres_sonnette_quality', 'Boite aux lettres sonnette quality', [
          rule({ type: 'boolean', const: true }, GREY, 'ok', false),
        ]),
        booleanTask(
          '72f81a17-05e9-4d62-87ce-ef1921a50371',
          'boite_aux_lettres_sonnette',
          'Boite aux lettres sonnette',
          [rule({ type: 'boolean', const: true }, GREY, 'SRO_09845', false)],
          { conformity_status: false },
        ),
        booleanTask('4b34165f-c1cc-4cf7-8754-2a6d7a6a29a9', 'mosaique_television_quality', 'Mosaique television quality', [
          rule({ type: 'boolean', const: true }, GREY, 'ok', false),
        ]),
      ],
    },
    {
      id: 'a716cc57-519e-4c2e-8e3c-ed65e73c5386',
      name: 'pm-ouvert-apres',
      display_name: 'PM ouvert après',
      description: '',
      order: 1,
      exampleCount: 1,
      remote_algorithm_instances: [],
      tasks: [
        booleanTask('b6eadaea-fa3f-4b0c-bc84-bca1654c0195', 'pm_ouvert_apres', 'Pm ouvert apres', booleanRules('Photo correcte', 'Photo incorrecte')),
        booleanTask('81721d6f-9ba5-46c3-b55d-f6d8a678af6a', 'pm_ouvert_apres_quality', 'Pm ouvert apres quality', booleanRules('Good', 'Not good')),
      ],
    },
    {
      id: 'e3278624-4428-4d0c-80cb-c47eab396e0f',
      name: 'Pm-ferme-avant',
      display_name: 'PM fermé avant',
      description: '',
      order: 2,
      exampleCount: 1,
      remote_algorithm_instances: [],
      tasks: [
        booleanTask('9734dd72-f927-43d0-accd-ab30b5aaf262', 'pm_ferme_avant', 'Pm ferme avant', booleanRules('ok', 'ko')),
        booleanTask('c184c8e7-dc90-467a-ab8d-f70cc39a187b', 'pm_ferme_avant_quality', 'Pm ferme avant quality', booleanRules('Good', 'Not good')),
      ],
    },
    {
      id: 'e76e7181-be9d-4f81-ad38-89563f9cd5a8',
      name: 'PM-ferme-apres',
      display_name: 'PM fermé après',
      description: '',
      order: 3,
      exampleCount: 0,
      remote_algorithm_instances: [],
      tasks: [
        booleanTask('9d2502ff-742c-4871-8ff0-e1420b63bfa6', 'pm_ferme_apres', 'Pm ferme apres', [], { conformity_status: false }),
        booleanTask('75091723-fd8f-41df-99cc-e21d9cd36e6f', 'pm_ferme_apres_quality', 'Pm ferme apres quality', null, {
          conformity_status: false,
        }),
      ],
    },
    {
      id: '97be42fb-1712-456f-868e-4f0f48c06e55',
      name: 'PB-ferme-avant',
      display_name: 'PB fermé avant',
      description: '',
      order: 5,
      exampleCount: 0,
      remote_algorithm_instances: [],
      tasks: [
        booleanTask('a66ac87a-40f0-4f59-98d9-a6411e78e38d', 'pb_ferme_avant', 'Pb ferme avant', null, { conformity_status: false }),
        booleanTask('1851806a-cdb3-4c4e-9d8b-5c4a39b48e48', 'pb_ferme_avant_quality', 'Pb ferme avant quality', [], {
          conformity_status: false,
          only_for_dashboard: true,
        }),
      ],
    },
    {
      id: '2db5bcfe-4c80-419f-85ad-c460771b4f52',
      name: 'PB-ouvert-avant',
      display_name: 'PB ouvert avant',
      description: '',
      order: 6,
      exampleCount: 0,
      remote_algorithm_instances: [],
      tasks: [
        booleanTask('c416ef82-5cb8-40f0-88c5-7100586e195c', 'pb_etiquette', 'Pb etiquette', booleanRules('OK', 'KO')),
        booleanTask(
          '4ee53823-82ce-497f-8889-8829c05d1ca6',
          'pb_etiquette_cable_reference_valide',
          'Pb etiquette cable reference valide',
          booleanRules('OK', 'KO'),
        ),
        booleanTask(
          'a93d9b38-9778-40ad-86a5-5b23446a4868',
          'pb_ouvert_avant',
          'Pb ouvert avant',
          booleanRules('Photo correcte', 'Photo incorrecte', ORANGE),
        ),
      ],
    },
  ];
}

export function fiberApp(): AppDefinition {
  return {
    key: 'fiber',
    name: 'Raccordement fibre (échantillon)',
    siteId: 'ed8cf35c-6325-4d38-86da-e8fb21c3d792',
    appVersionId: '90bf1a2c-9437-4594-af13-361e1c3270ba',
    taskGroups: fiberTaskGroups(),
    // The sample's three type ids; their names are not in the sample, so they are ours.
    workOrderTypes: [
      {
        id: 'efd1ccc3-42a5-46d5-8ad3-b7dcd2bb6fd6',
        name: 'raccordement-pm',
        task_group_names: ['pm-ouvert-apres', 'pm-ouvert-avant', 'PM-ferme-apres', 'Pm-ferme-avant'],
      },
      {
        id: '6974c965-cb1c-4ee0-8518-fe6fe5945251',
        name: 'controle-pm',
        task_group_names: ['pm-ouvert-apres', 'pm-ouvert-avant', 'Pm-ferme-avant'],
      },
      {
        id: '2203e52c-2bf8-4e5a-b882-31b21138397b',
        name: 'inspection-rapide',
        task_group_names: ['pm-ouvert-apres', 'Pm-ferme-avant'],
      },
    ],
    metadataDefinitions: [
      { name: 'created_with', description: 'Origin of the work order', type: 'text', required: false, examples: ['mobile_app'] },
      { name: 'ID PB', description: 'Identifiant du point de branchement', type: 'text', required: false, examples: ['Paris'] },
      { name: 'ID PM', description: 'Identifiant du point de mutualisation', type: 'text', required: false, examples: ['Roule'] },
    ],
  };
}
