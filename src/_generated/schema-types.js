export {};
//# sourceMappingURL=schema-types.js.map