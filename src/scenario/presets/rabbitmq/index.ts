/** RabbitMQ presets (curriculum rows A1, B2-B4, B6, E1-E3, E6, F2, F3, G1-G4), in menu order. */
export const RABBITMQ_PRESET_DOCUMENTS: readonly unknown[] = [];
