import { describe, expect, it } from 'vitest';
import { alreadyExists, conflict, forbidden, invalid, notFound, OptimisticLockErrorMsg, plainFailure, unauthorized } from '../engine/api/index.ts';
import { AggregateError, checkErr, ConfigurationError, flagError, KubectlError, SilentExit, usageError } from './errors.ts';

describe('checkErr', () => {
  it.each([
    { name: 'NotFound', err: notFound({ group: '', resource: 'pods' }, 'nginx'), want: 'Error from server (NotFound): pods "nginx" not found\n' },
    { name: 'NotFound in a named group', err: notFound({ group: 'apps', resource: 'deployments' }, 'web'), want: 'Error from server (NotFound): deployments.apps "web" not found\n' },
    { name: 'AlreadyExists', err: alreadyExists({ group: '', resource: 'pods' }, 'nginx'), want: 'Error from server (AlreadyExists): pods "nginx" already exists\n' },
    { name: 'Conflict', err: conflict({ group: 'apps', resource: 'deployments' }, 'web', OptimisticLockErrorMsg),
      want: 'Error from server (Conflict): Operation cannot be fulfilled on deployments.apps "web": the object has been modified; please apply your changes to the latest version and try again\n' },
    { name: 'Forbidden', err: forbidden({ group: '', resource: 'pods' }, '', 'User "jane" cannot list resource "pods" in API group "" in the namespace "default"'),
      want: 'Error from server (Forbidden): pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "default"\n' },
    { name: 'a status without a reason', err: plainFailure(500, 'etcdserver: request is too large'), want: 'Error from server: etcdserver: request is too large\n' },
    { name: 'Unauthorized', err: unauthorized(), want: 'error: You must be logged in to the server (Unauthorized)\n' },
    { name: 'Invalid with one cause', err: invalid({ group: '', kind: 'Pod' }, 'nginx', [{ type: 'FieldValueRequired', field: 'spec.containers[0].image', body: 'Required value' }]),
      want: 'The Pod "nginx" is invalid: spec.containers[0].image: Required value\n' },
    { name: 'Invalid with several causes', err: invalid({ group: '', kind: 'Pod' }, 'nginx', [
      { type: 'FieldValueRequired', field: 'spec.containers[0].name', body: 'Required value' },
      { type: 'FieldValueRequired', field: 'spec.containers[0].image', body: 'Required value' }]),
    want: 'The Pod "nginx" is invalid: \n* spec.containers[0].name: Required value\n* spec.containers[0].image: Required value\n' },
    { name: 'a client error', err: new KubectlError('the server doesn\'t have a resource type "foo"'), want: 'error: the server doesn\'t have a resource type "foo"\n' },
    { name: 'a usage error', err: usageError('kubectl get', 'Required resource not specified.'), want: "error: Required resource not specified.\nSee 'kubectl get -h' for help and examples\n" },
    { name: 'a flag error', err: flagError('kubectl get', 'unknown flag: --bogus'), want: "error: unknown flag: --bogus\nSee 'kubectl get --help' for usage.\n" },
    { name: 'an aggregate prints each error on its line, without error: ',
      err: new AggregateError([notFound({ group: '', resource: 'pods' }, 'a'), new KubectlError('x')]), want: 'Error from server (NotFound): pods "a" not found\nx\n' },
    { name: 'a kubeconfig error', err: new ConfigurationError('context was not found for specified context: nope'), want: 'Error in configuration: context was not found for specified context: nope\n' },
    { name: 'an aggregate of one is that error', err: new AggregateError([new KubectlError('x')]), want: 'error: x\n' },
    { name: 'a silent exit prints nothing (cmdutil.ErrExit)', err: new SilentExit(), want: '' },
  ])('$name', ({ err, want }) => {
    expect(checkErr(err)).toEqual({ stderr: want, exitCode: 1 });
  });
});
