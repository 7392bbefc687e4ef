// Metadata values as a file shows them: one entry per field definition of the account, carrying
// the definition's name, type and mutability beside the value. The immutable (system) fields hold
// what the media's bytes said; the others what people wrote.
import { technicalValue } from './media/technical.ts';
import type { FieldDefinitionRecord, FileRecord } from './store/records.ts';
import type { World } from './world.ts';

const EMPTY_AS_LIST = new Set(['select', 'select_multi', 'user_single', 'user_multi']);

export function metadataField(definition: FieldDefinitionRecord, value: unknown) {
  const configuration = definition.field_configuration ?? {};
  return {
    field_definition_id: definition.id,
    field_definition_name: definition.name,
    field_type: definition.field_type,
    mutable: definition.mutable,
    value: value ?? (EMPTY_AS_LIST.has(definition.field_type) ? [] : null),
    ...(definition.field_type === 'select' || definition.field_type === 'select_multi' ? { field_options: configuration.options ?? [] } : {}),
    ...(definition.field_type === 'user_single' || definition.field_type === 'user_multi'
      ? { member_options_type: configuration.member_options_type ?? 'all_project_members', custom_members: configuration.custom_members ?? [] }
      : {}),
  };
}

/** The file's metadata; without `showNull`, only fields that hold a value. */
export function metadataFields(world: World, file: FileRecord, showNull: boolean) {
  const valueOf = (definition: FieldDefinitionRecord) => (definition.mutable ? file.metadata[definition.id] : technicalValue(definition, file));
  return world.store
    .list('field_definition', file.account_id)
    .filter((definition) => showNull || valueOf(definition) !== undefined)
    .map((definition) => metadataField(definition, valueOf(definition)));
}
