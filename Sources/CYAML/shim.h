// libyaml's public header, exposed to Swift as the module CYAML.
// Only JimuYAML imports this module, so no C type reaches the rest of Jimu.
#ifndef JIMU_CYAML_SHIM_H
#define JIMU_CYAML_SHIM_H

#include <yaml.h>

#endif
