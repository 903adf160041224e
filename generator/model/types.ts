/**
 * The normalized model: built once by `normalize()`, read by every renderer, exporter, the search
 * indexer and the diff. Plain data only (serializable with JSON.stringify), no classes, no view state.
 * Every node carries `pointer`, the JSON pointer of its origin in the input document, so that any
 * diagnostic can say where it came from.
 */

export type Product = 'pve' | 'pmg' | 'pbs';
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';
export const HTTP_METHODS: readonly HttpMethod[] = ['GET', 'POST', 'PUT', 'DELETE'];

export interface ApiModel {
  product: Product;
  /** Display name, e.g. "Proxmox VE". */
  productName: string;
  /** Site title (CLI --title, else derived from product and version). */
  title: string;
  /** Version label, e.g. "9.1"; empty when unknown. */
  version: string;
  /** The schema source as the user gave it (path or URL), for display and diagnostics. */
  source: string;
  dialect: 'viewer' | 'refs';
  /** Every API path, in depth-first schema order (parents before children). */
  paths: ApiPath[];
  /** Named property-string formats, when the source (or --formats) carries a registry. */
  formats: Record<string, FormatDef>;
  /** Whether a formats registry was available at all (affects how named formats are explained). */
  hasFormatRegistry: boolean;
  /**
   * Set (false) only when the schema predates API tokens: a PVE/PMG dump that lists `allowtoken` on
   * no method (PVE 5.4; tokens came with 6.2). Every operation then has `allowToken: false` (the
   * server has no tokens to accept) and the guides say tokens are not available in this version.
   */
  apiTokens?: false;
  stats: ModelStats;
}

export interface ModelStats {
  paths: number;
  operations: number;
  parameters: number;
}

export interface ApiPath {
  /** The API path, e.g. "/nodes/{node}/qemu". */
  path: string;
  /** Last segment as given by the schema's `text`. */
  text: string;
  pointer: string;
  /** Output file of this path's page, relative to the output root, e.g. "api/nodes/_node/qemu/index.html". */
  file: string;
  /** Parent path, or null for a top-level path. */
  parent: string | null;
  /** Direct child paths, in schema order. */
  children: string[];
  /** Top-level section, e.g. "nodes" for "/nodes/{node}/qemu". */
  section: string;
  /** Operations in canonical order GET, POST, PUT, DELETE. */
  operations: Operation[];
}

export interface Operation {
  method: HttpMethod;
  path: string;
  pointer: string;
  /** The method's `name` from the schema (e.g. "vm_start"); unique per path in practice, not globally. */
  name: string;
  /** Anchor id on the path page, e.g. "post". */
  anchor: string;
  /** First sentence of the description, plain text. */
  summary: string;
  description: string;
  /** Parameters: path parameters first, then required, then optional, each group by name. */
  parameters: Parameter[];
  /** Set (true) only when the schema's parameters allow undeclared ones (`additionalProperties: 1`). */
  additionalParameters?: true;
  returns: SchemaNode;
  permissions: Permissions;
  flags: OperationFlags;
}

export interface OperationFlags {
  /** Executed by the privileged daemon on the node. */
  protected: boolean;
  /** Name of the parameter whose node the request is forwarded to (usually "node"). */
  proxyto: string | null;
  /** False when API tokens are rejected (allowtoken: 0). */
  allowToken: boolean;
  downloadAllowed: boolean;
  exposeCredentials: boolean;
  /** `proxyto: "master"` and no parameter of that name (PMG): forwarded to the cluster's master node. */
  proxyMaster?: boolean;
  /** The response is a file or raw data, not JSON (PMG `download: 1`; PBS raw-HTTP method DOWNLOAD). */
  download?: boolean;
  /** The request body is raw data, not parameters (PBS raw-HTTP method UPLOAD). */
  upload?: boolean;
  /** The method's interface may still change (proxmox-schema `unstable`). */
  unstable?: boolean;
}

/** How a parameter is sent. */
export type ParamLocation = 'path' | 'query' | 'body';

export interface Parameter {
  name: string;
  /** Anchor id on the path page, unique per page, e.g. "post-param-vmid". */
  anchor: string;
  required: boolean;
  location: ParamLocation;
  /** Numbered family such as net[n]: the base name ("net"), else null. */
  family: string | null;
  /**
   * When the source listed the family member by member (net0 ... net31, as the reference dump does)
   * and they were folded into one `net[n]` row: the first and last index seen.
   */
  familyRange?: { first: number; last: number };
  /**
   * A path parameter the schema marks `optional` (PVE 9.1: 34). It is required all the same (the
   * URL cannot do without it); the pages say once that the schema marks it optional.
   */
  schemaOptional?: true;
  /**
   * Optional only through its `oneOf` variants: the schema marks every variant optional but not the
   * parameter itself (PVE 9.1 SDN fabrics `delete`, `interfaces`). `required` is false everywhere
   * (pages, examples, OpenAPI, the call checker); the pages say why.
   */
  optionalInVariants?: true;
  schema: SchemaNode;
}

/** A named or inline format reference. */
export type FormatRef =
  | { kind: 'named'; name: string /** base name without -list/-opt */; base: string; list: boolean; opt: boolean }
  | { kind: 'inline'; keys: PropertyKey[] }
  /**
   * proxmox-schema (PBS): a list property string whose format is an array schema; `item` is one
   * element; `minLength`/`maxLength` as the array schema gives them (its number of elements).
   */
  | { kind: 'list'; item: SchemaNode; minLength?: number; maxLength?: number };

/** One key of a property string (`key=value,...`). */
export interface PropertyKey {
  name: string;
  /** This key may be given bare (without `key=`). */
  defaultKey: boolean;
  required: boolean;
  /** Stored under this other key instead (`alias`). */
  alias: string | null;
  /** `keyAlias`: e.g. for net: the model name is written as the key (virtio=MAC). */
  keyAlias: string | null;
  schema: SchemaNode;
}

export type FormatDef =
  | { kind: 'property-string'; name: string; pointer: string; keys: PropertyKey[] }
  /** Validated by code on the server; no schema published. */
  | { kind: 'code'; name: string; pointer: string }
  /** Registered but empty (null in the registry). */
  | { kind: 'none'; name: string; pointer: string };

export type RendererHint = 'bytes' | 'timestamp' | 'duration' | 'fraction_as_percentage' | 'yaml' | string;

/**
 * A normalized JSON schema node (parameter, return value, nested property).
 * Only keys that the input carried are set; absent means absent.
 */
export interface SchemaNode {
  pointer: string;
  /** JSON type as given ("string", "integer", ...); "any" when the schema names none. */
  type: string;
  title?: string;
  description?: string;
  verboseDescription?: string;
  /** Official typetext when the schema carries one. */
  typetext?: string;
  /** One-line synopsis: the official typetext, else derived by Proxmox's rules. */
  synopsis: string;
  /** Default as given; may be free text. */
  default?: unknown;
  enum?: string[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  /** The server's regex, bare (PBS's `/.../` literal is unwrapped); see generator/text/regex/dialect.ts. */
  pattern?: string;
  /** The pattern's dialect when it is not Perl: 'rust' (PBS), or 'opaque' (never run). */
  patternSyntax?: 'rust' | 'opaque';
  format?: FormatRef;
  formatDescription?: string;
  /** Only valid together with this other parameter. */
  requires?: string;
  /** For type-dependent parameters: the `type` values this one applies to. */
  instanceTypes?: string[];
  /** The name of the property that selects the variant (`type-property`). */
  typeProperty?: string;
  /** oneOf alternatives, each with the instance type it applies to when known. */
  oneOf?: SchemaNode[];
  items?: SchemaNode;
  properties?: NamedSchema[];
  /** true / false / a schema for extra keys; undefined when not stated. */
  additionalProperties?: boolean | SchemaNode;
  /** Optional inside an object (returns). */
  optional?: boolean;
  renderer?: RendererHint;
  /** `links` on returns: e.g. [{rel: "child", href: "{vmid}"}]. */
  links?: { rel: string; href: string }[];
  /** Any other keys of the input node, verbatim as JSON text, so nothing is silently dropped. */
  extra?: Record<string, string>;
}

export interface NamedSchema {
  name: string;
  schema: SchemaNode;
  /**
   * Numbered family such as mp[n]: the base name ("mp"), as Parameter.family; absent otherwise.
   * Set here, where the members are folded, so that no output re-reads it from the name.
   */
  family?: string;
  /** Set when numbered members (mp0 ... mp255) sharing one schema were folded into `mp[n]`. */
  familyRange?: { first: number; last: number };
}

/** The permissions object of a method. */
export interface Permissions {
  pointer: string;
  /**
   * world: anyone, even without login; all: any authenticated user (check skipped);
   * root: no permissions key at all, root@pam only; check: evaluate `check`; none: a permissions
   * object with neither user nor check (the server then denies everyone but root@pam).
   */
  mode: 'world' | 'all' | 'root' | 'check' | 'none';
  check?: PermCheck;
  /**
   * A check the schema lists beside `user: "all"` or `"world"`: the server returns before evaluating
   * it, so it is not enforced for the call (the method's code may still consult it, e.g. to filter
   * what it returns). Shown as such rather than dropped or presented as a requirement.
   */
  skippedCheck?: PermCheck;
  /** Free text naming extra checks done in code. */
  description?: string;
}

/** Permission check expressions, a discriminated union; render with an exhaustive switch. */
export type PermCheck =
  /**
   * Privileges on an ACL path; `any`: one of them suffices (Perl `"any", 1`; PBS `partial: true`).
   * PBS gives the path as segments (`["datastore", "{store}"]`): joined here to `/datastore/{store}`.
   */
  | { kind: 'perm'; path: string; privs: string[]; any: boolean; requireParam?: string }
  | { kind: 'and'; items: PermCheck[] }
  | { kind: 'or'; items: PermCheck[] }
  | { kind: 'userid-group'; privs: string[]; groupsParam?: string }
  | { kind: 'userid-param'; value: string }
  | { kind: 'perm-modify'; path: string }
  /** PMG: the caller's role must be one of these (`check: ["admin", "audit"]`). */
  | { kind: 'role'; roles: string[] }
  /** PBS `{userParam: "userid"}`: allowed when that parameter names the calling user. */
  | { kind: 'user-param'; param: string }
  /** PBS `{user: ...}` inside a combination: "all" (any authenticated user), "world" (anyone) or one user id. */
  | { kind: 'user'; user: string }
  /** PBS `{group: ...}`: members of that group. */
  | { kind: 'group'; group: string }
  /** PBS `{withParam: {name, permissions}}`: the sub-check is evaluated for the user named by that parameter. */
  | { kind: 'with-param'; param: string; check: PermCheck }
  /** Anything else: kept verbatim (JSON text) and shown as such, never dropped. */
  | { kind: 'unknown'; raw: string };
