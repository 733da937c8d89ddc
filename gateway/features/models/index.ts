import { defineFeature } from '../../composition/feature-context.js';
import { modelMethods, type ModelContext } from './models-methods.js';

/** The models the config makes callable: `models.list`. */
export const modelsFeature = defineFeature({
  name: 'models',
  create: (context: ModelContext) => ({ methods: () => modelMethods(context) }),
});
