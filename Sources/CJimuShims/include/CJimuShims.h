#ifndef CJIMU_SHIMS_H
#define CJIMU_SHIMS_H

/// Swaps two paths in one atomic step (Linux renameat2 with RENAME_EXCHANGE), so a reader
/// of the output folder sees the old tree or the new one, never a mix. Returns 0 on
/// success, else -1 with errno set (EINVAL or ENOSYS where the file system cannot).
int jimu_exchange_paths(const char *first, const char *second);

#endif
