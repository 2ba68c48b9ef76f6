/**
 * Places where one domain's screens show a part of another's (the incidents linked to a unit on the
 * registry's unit page, say). A domain's pages register their parts; a slot with nothing registered
 * (the domain is not installed) renders nothing.
 */
import type { ComponentType } from 'react';

const slots = new Map<string, ComponentType<any>[]>();

export function registerSlot(name: string, component: ComponentType<any>) {
  slots.set(name, [...(slots.get(name) ?? []), component]);
}

export function DomainSlot({ name, props }: { name: string; props: Record<string, unknown> }) {
  const list = slots.get(name) ?? [];
  return (
    <>
      {list.map((C, i) => (
        <C key={i} {...props} />
      ))}
    </>
  );
}
