export * from './docId.ts'
export * from './boardSchema.ts'
export * from './boardDoc.ts'
export * from './runtimeConfig.ts'
