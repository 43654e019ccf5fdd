/**
 * Hiera 5: Puppet's hierarchical data lookup.
 *
 * <p>Public API:
 * <ul>
 *   <li>{@link io.puppetplane.lang.hiera.HieraLookup#create(java.nio.file.Path, java.nio.file.Path,
 *       java.util.function.Function)}: one instance per environment (global hiera.yaml or null, environment
 *       directory, module name to module directory).</li>
 *   <li>{@link io.puppetplane.lang.hiera.HieraLookup#lookup(String, LookupOptions,
 *       io.puppetplane.lang.spi.VariableScope)}: Puppet's {@code lookup()}; the value, the default, or a
 *       {@link io.puppetplane.lang.hiera.LookupError} worded as Ruby Puppet words it.</li>
 *   <li>{@link io.puppetplane.lang.hiera.HieraLookup#find(String, LookupOptions,
 *       io.puppetplane.lang.spi.VariableScope)}: the same without default, empty when not found (automatic class
 *       parameter lookup).</li>
 *   <li>{@link io.puppetplane.lang.hiera.LookupOptions}: merge (null, a strategy name or a Hash with
 *       {@code strategy} and deep options) and default value.</li>
 * </ul>
 *
 * <p>Supported: hiera.yaml version 5 with {@code defaults}, {@code hierarchy}, {@code datadir},
 * {@code path}/{@code paths}/{@code glob}/{@code globs}/{@code mapped_paths}, {@code data_hash: yaml_data} and
 * {@code json_data}; the global (optional), environment and module layers (module data only for keys in the
 * module's namespace, only from modules that have a hiera.yaml, keys outside the namespace ignored); interpolation
 * in datadirs, paths and data ({@code %{var}}, {@code %{::var}}, dotted keys {@code %{facts.os.family}}, quoted
 * segments, {@code scope()}, {@code lookup()}/{@code hiera()}, {@code alias()}, {@code literal()}); dotted lookup
 * keys; merge strategies first, unique, hash and deep (options {@code knockout_prefix},
 * {@code sort_merged_arrays}, {@code merge_hash_arrays}); {@code lookup_options} per key and per regexp key, from
 * every layer; recursion detection. Data and hiera.yaml files are parsed once and cached by path, modification
 * time and size.
 *
 * <p>Refused with a clear {@link io.puppetplane.lang.hiera.LookupError}: hiera.yaml versions 3 and 4 (a version 3
 * file in a module is ignored, as Puppet does), {@code lookup_key} (hiera-eyaml) and {@code data_dig} backends,
 * other {@code data_hash} functions, {@code uri}/{@code uris} locations, the {@code convert_to} lookup option,
 * and {@code default_hierarchy} in modules.
 */
package io.puppetplane.lang.hiera;
