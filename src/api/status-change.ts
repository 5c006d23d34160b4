import type { StatusChange } from '../domain/collection-status';
import type { ItemMutation, Mutation } from './schemas';

/** The domain change a mutation carries: the one mapping used by the server, the client and the mocks. */
export function isItemMutation(mutation: Mutation): mutation is ItemMutation {
  return mutation.type.startsWith('item.');
}

export function toStatusChange(mutation: ItemMutation): StatusChange {
  switch (mutation.type) {
    case 'item.returned':
      return {
        type: mutation.type,
        at: mutation.at,
        returnedAt: mutation.payload.returnedAt,
        method: mutation.payload.method,
      };
    case 'item.reopened':
      return { type: mutation.type, at: mutation.at };
    case 'item.unreturnable':
      return { type: mutation.type, at: mutation.at, kind: mutation.payload.kind, reason: mutation.payload.reason };
  }
}
