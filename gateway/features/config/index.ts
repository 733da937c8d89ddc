import { defineFeature } from '../../composition/feature-context.js';
import { configMethods, type ConfigContext } from './config-methods.js';

/** Reading and writing the config file: `config.get/set/patch/apply/schema`. */
export const configFeature = defineFeature({
  name: 'config',
  create: (context: ConfigContext) => ({ methods: () => configMethods(context) }),
});
