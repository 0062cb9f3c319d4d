// kubectl autoscale: an autoscaling/v2 HorizontalPodAutoscaler for a deployment, replica set,
// stateful set or replication controller, optionally targeting an average CPU utilization.
// Models kubernetes/kubectl pkg/cmd/autoscale/autoscale.go (Validate, Run, createHorizontalPodAutoscalerV2).
import type { KubeObject } from '../../engine/api/index.ts';
import { AggregateError, KubectlError } from '../errors.ts';
import { resourcesFromArgs, scopeOf } from '../resource.ts';
import { dryRunQuery, dryRunStrategy, fieldValidation, goJSON, printWritten, withLastApplied } from '../writes.ts';
import type { Command, Invocation } from './command.ts';
import type { Generated } from './create-generator.ts';
import { AUTOSCALE_HELP } from './help-write.ts';
import { optionFlags } from './options.ts';

export const autoscale: Command = { name: 'autoscale', flags: optionFlags(AUTOSCALE_HELP), help: AUTOSCALE_HELP, run: runAutoscale };

const SCALABLE = ['Deployment', 'ReplicaSet', 'StatefulSet', 'ReplicationController'];

async function runAutoscale(inv: Invocation): Promise<void> {
  const { flags } = inv;
  if (!flags.changed('max')) throw new KubectlError('required flag(s) "max" not set');
  const max = flags.int('max'), min = flags.int('min'), cpu = flags.int('cpu-percent');
  if (max < 1) throw new KubectlError(`--max=MAXPODS is required and must be at least 1, max: ${max}`);
  if (max < min) throw new KubectlError(`--max=MAXPODS must be larger or equal to --min=MINPODS, max: ${max}, min: ${min}`);
  if (inv.args.length === 0) {
    throw new KubectlError("You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'");
  }
  const dryRun = dryRunStrategy(inv);
  const errors: unknown[] = [];
  let count = 0;
  for (const info of await resourcesFromArgs(inv, inv.args)) {
    try {
      if (!SCALABLE.includes(info.mapping.kind)) throw new KubectlError(`cannot autoscale a ${info.mapping.kind}: no scale subresource`);
      const target = await inv.rest.request({ verb: 'get', ...scopeOf(info), name: info.name }) as KubeObject;
      const name = flags.string('name') || info.name;
      let hpa: Generated | KubeObject = {
        kind: 'HorizontalPodAutoscaler', apiVersion: 'autoscaling/v2',
        metadata: { name, ...(inv.explicitNamespace ? { namespace: inv.namespace } : {}), creationTimestamp: null },
        spec: {
          scaleTargetRef: { kind: info.mapping.kind, name: info.name, apiVersion: target.apiVersion ?? `${info.mapping.group}/${info.mapping.version}` },
          ...(min >= 1 ? { minReplicas: min } : {}), maxReplicas: max,
          ...(cpu >= 0 ? { metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: cpu } } }] } : {}),
        },
        status: { desiredReplicas: 0, currentMetrics: null },
      };
      if (flags.bool('save-config')) hpa = withLastApplied(hpa, goJSON);
      if (dryRun !== 'client') {
        hpa = await inv.rest.request({
          verb: 'create', group: 'autoscaling', version: 'v2', resource: 'horizontalpodautoscalers', namespace: info.namespace || inv.namespace, body: hpa,
          query: { ...dryRunQuery(dryRun), fieldManager: flags.string('field-manager'), fieldValidation: fieldValidation(inv) },
        }) as KubeObject;
      }
      count++;
      printWritten(inv, hpa, 'autoscaled', { typed: dryRun === 'client', dryRun });
    } catch (err) {
      errors.push(err);
    }
  }
  if (errors.length > 0) throw new AggregateError(errors);
  if (count === 0) throw new KubectlError('no objects passed to autoscale');
}
