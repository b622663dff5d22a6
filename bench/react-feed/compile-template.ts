/**
 * Turns the X fixture's post `<template>` (the markup the adapter tests check) into a React
 * render function, so the benchmark's React page renders exactly that markup: every element is
 * created and diffed by React, as on x.com. The template shows one sample post; its sample values
 * (handle, name, id, text, time) become the fields of each rendered post.
 */
import { createElement, type ReactNode } from 'react';

export interface PostFields {
  id: string;
  handle: string;
  name: string;
  text: string;
  datetime: string;
  timeLabel: string;
}

type Part = string | ((fields: PostFields) => string);
type Render = (fields: PostFields) => ReactNode;

/** Each field's sample value in the template. */
export type SampleValues = Record<keyof PostFields, string>;

const ATTRIBUTE_PROPS: Record<string, string> = { class: 'className', tabindex: 'tabIndex', for: 'htmlFor' };

export function compileTemplate(root: Element, samples: SampleValues): Render {
  // Longest first, so a value containing a shorter one is replaced whole.
  const substitutions = (Object.entries(samples) as Array<[keyof PostFields, string]>).sort(
    ([, a], [, b]) => b.length - a.length,
  );
  const part = (value: string): Part => {
    const hits = substitutions.filter(([, sample]) => value.includes(sample));
    if (hits.length === 0) return value;
    return (fields) => hits.reduce((out, [key, sample]) => out.replaceAll(sample, fields[key]), value);
  };
  const compile = (node: Node): Render | null => {
    if (node.nodeType === Node.TEXT_NODE) {
      const text = part(node.textContent ?? '');
      return typeof text === 'string' ? () => text : text;
    }
    if (!(node instanceof Element)) return null;
    const fixed: Record<string, unknown> = {};
    const dynamic: Array<[string, (fields: PostFields) => string]> = [];
    for (const { name, value } of node.attributes) {
      if (name === 'style') fixed.style = styleObject(value);
      else {
        const prop = ATTRIBUTE_PROPS[name] ?? name;
        const compiled = part(value);
        if (typeof compiled === 'string') fixed[prop] = compiled;
        else dynamic.push([prop, compiled]);
      }
    }
    const children = [...node.childNodes].map(compile).filter((child): child is Render => child !== null);
    const tag = node.localName;
    return (fields) => {
      const props: Record<string, unknown> = { ...fixed };
      for (const [prop, value] of dynamic) props[prop] = value(fields);
      return createElement(tag, props, ...children.map((child) => child(fields)));
    };
  };
  return compile(root)!;
}

/** `a: b; -webkit-line-clamp: 10` → `{ a: 'b', WebkitLineClamp: '10' }`, as React wants it. */
function styleObject(css: string): Record<string, string> {
  const style: Record<string, string> = {};
  for (const declaration of css.split(';')) {
    const colon = declaration.indexOf(':');
    if (colon < 0) continue;
    const property = declaration.slice(0, colon).trim();
    const camel = property
      .replace(/^-webkit-/, 'Webkit-')
      .replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    style[camel] = declaration.slice(colon + 1).trim();
  }
  return style;
}
