/**
 * The package entry (`import { defineConfig } from 'pve-apidoc'`): what a config file needs. The
 * command line is the supported interface; this module only types config files.
 */
export { defineConfig, type Config, type ConfigOptions, type ConfigSections } from './config/define.js';
