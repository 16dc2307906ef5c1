import { UsageError } from '../../errors.js';
import { stepRegistry } from '../../steps/registry.js';
import { suggestionHint } from '../../util/suggest.js';
import { parseFlags } from '../args.js';
import { chalkFor } from '../color.js';
import type { Command } from '../command.js';
import type { CliIO } from '../io.js';
import { describeStep, describeStepList } from '../steps/describe-step.js';

const help = `Usage: atlas-run steps [type]

Lists every step type a workflow can use, or shows one type in full: how it is written, each input
(type, required, default, allowed values, description), its outputs, its effect and an example.

Examples:
  atlas-run steps
  atlas-run steps create
  atlas-run steps export
`;

const steps: Command = {
  help,
  async run(args: string[], io: CliIO): Promise<number> {
    const { positionals } = parseFlags(args, {}, 'steps');
    if (positionals.length > 1) throw new UsageError(`one step type at a time, got ${positionals.length}`, { hint: 'atlas-run steps create' });
    const chalk = chalkFor(io.stdout, io.env);
    const type = positionals[0];
    if (type === undefined) {
      io.stdout.write(describeStepList(stepRegistry.all(), chalk));
      return 0;
    }
    const step = stepRegistry.get(type);
    if (!step) throw new UsageError(`unknown step type '${type}'`, { hint: suggestionHint(type, [...stepRegistry.names()].sort()) });
    io.stdout.write(describeStep(step, chalk));
    return 0;
  },
};

export default steps;
