// Written by the build (`gulp build:version`) from package.json: edit the version there.
export const PACKAGE_VERSION = '0.1.0';
