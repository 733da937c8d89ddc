import { defineFeature, type FeatureContext } from '../../composition/feature-context.js';
import { findBundledSkillsDir } from './bundled-skills-dir.js';
import { loadSkillFileParser } from './skill-file.js';
import { NodeBins } from './node-bins.js';
import { skillsMethods } from './skills-methods.js';
import { SkillsService } from './skills-service.js';

/**
 * Skills (openclaw-families.md §6): SKILL.md folders, their eligibility, the `<available_skills>`
 * block of every turn's prompt, and `skills.status`/`install`/`update`/`bins`.
 */
export const skillsFeature = defineFeature({
  name: 'skills',
  create: (context: Pick<FeatureContext, 'config' | 'logger' | 'nodes' | 'promptSections'>) => {
    const nodeBins = new NodeBins(context.nodes, context.logger);
    const skills = new SkillsService({
      config: context.config,
      logger: context.logger,
      bundledDir: findBundledSkillsDir(context.config.env),
      remote: nodeBins,
    });
    context.promptSections.add('skills', ({ workspace }) => skills.promptBlock(workspace));
    return {
      methods: () => skillsMethods(context, skills),
      start: () => loadSkillFileParser(),
      stop: () => skills.stop(),
      status: () => ({ managedSkillsDir: skills.managedDir }),
      connectionReady: (connection) => {
        const nodeId = connection.session?.role === 'node' ? connection.session.deviceId : undefined;
        if (nodeId) void nodeBins.probe(nodeId, skills.allBins());
      },
      connectionClosed: (connection) => {
        const nodeId = connection.session?.role === 'node' ? connection.session.deviceId : undefined;
        if (nodeId) nodeBins.forget(nodeId);
      },
    };
  },
});
