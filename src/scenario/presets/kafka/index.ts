/** Kafka presets (curriculum rows B5, C1, C2, C3, D3, D4, E4), in menu order. */
export const KAFKA_PRESET_DOCUMENTS: readonly unknown[] = [];
