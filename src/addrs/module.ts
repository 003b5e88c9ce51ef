// A module in the configuration tree, by call names only (`module.app.module.db`): what a module block
// declares, before count/for_each expands it into instances (see module-instance.ts).

export class Module {
  static readonly root = new Module([]);

  private printed: string | undefined;

  constructor(readonly names: readonly string[]) {}

  isRoot(): boolean {
    return this.names.length === 0;
  }

  child(name: string): Module {
    return new Module([...this.names, name]);
  }

  parent(): Module {
    return this.names.length === 0 ? this : new Module(this.names.slice(0, -1));
  }

  /** "" for the root module, else `module.a.module.b`. */
  toString(): string {
    return (this.printed ??= this.names.map((n) => `module.${n}`).join("."));
  }

  key(): string {
    return this.toString();
  }

  equals(other: Module): boolean {
    return this.key() === other.key();
  }
}
