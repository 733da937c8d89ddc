import { defineFeature } from '../../composition/feature-context.js';
import { skillsMethods } from './skills-methods.js';

/** Skills: `skills.bins` (what a node may auto-allow). */
export const skillsFeature = defineFeature({
  name: 'skills',
  create: () => ({ methods: () => skillsMethods() }),
});
