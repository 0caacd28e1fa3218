#include "CKernels.h"

#include <string.h>

/* Fused Kuramoto coupling for one (sample, head): C = q·kᵀ, S = sin C, F = S·k,
   and its backward, without materialising the t×t maps. Eight lanes hold eight
   query rows (forward) or eight keys (backward); |C| <= 1 because q and k are
   unit vectors, so sin and cos are Taylor polynomials. */

typedef float v8 __attribute__((vector_size(32)));

#define SIN_POLY(v, v2) \
    ((v) * (1.0f + (v2) * (-1.0f / 6 + (v2) * (1.0f / 120 + (v2) * (-1.0f / 5040 + \
     (v2) * (1.0f / 362880 + (v2) * (-1.0f / 39916800)))))))
#define COS_POLY(v2) \
    (1.0f + (v2) * (-0.5f + (v2) * (1.0f / 24 + (v2) * (-1.0f / 720 + (v2) * \
     (1.0f / 40320 + (v2) * (-1.0f / 3628800 + (v2) * (1.0f / 479001600)))))))

/* Writes x (t rows of d components, row stride ld) transposed into xt[d][tp],
   zero-padding columns t..tp-1. */
static inline void transpose_pad(const float *x, size_t ld, size_t t, size_t d, size_t tp, float *xt) {
    for (size_t m = 0; m < d; m++) {
        for (size_t j = 0; j < t; j++) xt[m * tp + j] = x[j * ld + m];
        for (size_t j = t; j < tp; j++) xt[m * tp + j] = 0;
    }
}

/* A macro rather than a function: returning a 256-bit vector from a baseline
   function would change the calling convention. */
#define LANE_INDEX ((v8){0, 1, 2, 3, 4, 5, 6, 7})

#define DEFINE_KURAMOTO_FORWARD(suffix, attr, HEAD)                                                \
    attr static void kuramoto_force_##suffix(const float *q, const float *k, size_t ld, size_t t, \
                                             size_t d_arg, int causal, float *force, size_t ldf, \
                                             float *scratch) {                                \
        const size_t d = HEAD;                                                                \
        (void)d_arg;                                                                          \
        size_t tp = (t + 7) & ~(size_t)7;                                                     \
        float *qt = scratch;                                                                  \
        transpose_pad(q, ld, t, d, tp, qt);                                                   \
        v8 acc[MFS_KURAMOTO_MAX_HEAD];                                                                           \
        for (size_t i0 = 0; i0 < tp; i0 += 8) {                                               \
            for (size_t m = 0; m < d; m++) acc[m] = (v8){0};                                  \
            size_t jend = causal ? (i0 + 8 < t ? i0 + 8 : t) : t;                             \
            v8 rows = LANE_INDEX + (float)i0;                                               \
            for (size_t j = 0; j < jend; j++) {                                               \
                const float *kj = k + j * ld;                                                 \
                v8 c = (v8){0};                                                               \
                for (size_t m = 0; m < d; m++) {                                              \
                    v8 qm;                                                                    \
                    memcpy(&qm, qt + m * tp + i0, sizeof qm);                                 \
                    c += qm * kj[m];                                                          \
                }                                                                             \
                v8 c2 = c * c;                                                                \
                v8 s = SIN_POLY(c, c2);                                                       \
                if (causal) s = (v8)((__typeof__(rows < 0))(rows >= (float)j) & (__typeof__(rows < 0))s); \
                for (size_t m = 0; m < d; m++) acc[m] += s * kj[m];                           \
            }                                                                                 \
            size_t lanes = t - i0 < 8 ? t - i0 : 8;                                           \
            for (size_t m = 0; m < d; m++)                                                    \
                for (size_t l = 0; l < lanes; l++) force[(i0 + l) * ldf + m] = acc[m][l];     \
        }                                                                                     \
    }

#define DEFINE_KURAMOTO_BACKWARD(suffix, attr, HEAD)                                                  \
    attr static void kuramoto_backward_##suffix(const float *q, const float *k, size_t ld,       \
                                                const float *df, size_t ldf, size_t t, size_t d_arg, \
                                                int causal, float *dq, float *dk, size_t ldo,    \
                                                float *scratch) {                                \
        const size_t d = HEAD;                                                                   \
        (void)d_arg;                                                                             \
        size_t tp = (t + 7) & ~(size_t)7;                                                        \
        float *kt = scratch, *dkt = scratch + d * tp;                                            \
        transpose_pad(k, ld, t, d, tp, kt);                                                      \
        memset(dkt, 0, d * tp * sizeof(float));                                                  \
        v8 dqacc[MFS_KURAMOTO_MAX_HEAD];                                                                            \
        for (size_t i = 0; i < t; i++) {                                                         \
            const float *qi = q + i * ld, *dfi = df + i * ldf;                                   \
            for (size_t m = 0; m < d; m++) dqacc[m] = (v8){0};                                   \
            size_t jend = causal ? ((i + 8) & ~(size_t)7) : tp;                                  \
            for (size_t j0 = 0; j0 < jend; j0 += 8) {                                            \
                v8 c = (v8){0}, ds = (v8){0};                                                    \
                for (size_t m = 0; m < d; m++) {                                                 \
                    v8 km;                                                                       \
                    memcpy(&km, kt + m * tp + j0, sizeof km);                                    \
                    c += km * qi[m];                                                             \
                    ds += km * dfi[m];                                                           \
                }                                                                                \
                v8 c2 = c * c;                                                                   \
                v8 s = SIN_POLY(c, c2);                                                          \
                v8 dc = ds * COS_POLY(c2);                                                       \
                if (causal) {                                                                    \
                    v8 keys = LANE_INDEX + (float)j0;                                          \
                    __typeof__(keys < 0) keep = keys <= (float)i;                                \
                    s = (v8)(keep & (__typeof__(keep))s);                                        \
                    dc = (v8)(keep & (__typeof__(keep))dc);                                      \
                }                                                                                \
                for (size_t m = 0; m < d; m++) {                                                 \
                    v8 km, dkm;                                                                  \
                    memcpy(&km, kt + m * tp + j0, sizeof km);                                    \
                    memcpy(&dkm, dkt + m * tp + j0, sizeof dkm);                                 \
                    dqacc[m] += dc * km;                                                         \
                    dkm += s * dfi[m] + dc * qi[m];                                              \
                    memcpy(dkt + m * tp + j0, &dkm, sizeof dkm);                                 \
                }                                                                                \
            }                                                                                    \
            for (size_t m = 0; m < d; m++) {                                                     \
                v8 a = dqacc[m];                                                                 \
                dq[i * ldo + m] = ((a[0] + a[1]) + (a[2] + a[3])) + ((a[4] + a[5]) + (a[6] + a[7])); \
            }                                                                                    \
        }                                                                                        \
        for (size_t j = 0; j < t; j++)                                                           \
            for (size_t m = 0; m < d; m++) dk[j * ldo + m] = dkt[m * tp + j];                    \
    }

/* Each kernel exists for any head size and, unrolled, for head size 8 (the
   default latent 32 over 4 heads), where q, k and the accumulators stay in
   registers. */
#define AVX2 __attribute__((target("avx2,fma")))
DEFINE_KURAMOTO_FORWARD(portable, , d_arg)
DEFINE_KURAMOTO_FORWARD(avx2, AVX2, d_arg)
DEFINE_KURAMOTO_FORWARD(avx2_d8, AVX2, 8)
DEFINE_KURAMOTO_BACKWARD(portable, , d_arg)
DEFINE_KURAMOTO_BACKWARD(avx2, AVX2, d_arg)
DEFINE_KURAMOTO_BACKWARD(avx2_d8, AVX2, 8)

size_t mfs_kuramoto_scratch(size_t t, size_t d) { return 2 * d * ((t + 7) & ~(size_t)7); }

void mfs_kuramoto_force(const float *q, const float *k, size_t ld, size_t t, size_t d, int causal,
                        float *force, size_t ldf, float *scratch) {
    if (mfs_kernels_use_avx2() && d == 8)
        kuramoto_force_avx2_d8(q, k, ld, t, d, causal, force, ldf, scratch);
    else if (mfs_kernels_use_avx2())
        kuramoto_force_avx2(q, k, ld, t, d, causal, force, ldf, scratch);
    else
        kuramoto_force_portable(q, k, ld, t, d, causal, force, ldf, scratch);
}

void mfs_kuramoto_backward(const float *q, const float *k, size_t ld, const float *df, size_t ldf,
                           size_t t, size_t d, int causal, float *dq, float *dk, size_t ldo,
                           float *scratch) {
    if (mfs_kernels_use_avx2() && d == 8)
        kuramoto_backward_avx2_d8(q, k, ld, df, ldf, t, d, causal, dq, dk, ldo, scratch);
    else if (mfs_kernels_use_avx2())
        kuramoto_backward_avx2(q, k, ld, df, ldf, t, d, causal, dq, dk, ldo, scratch);
    else
        kuramoto_backward_portable(q, k, ld, df, ldf, t, d, causal, dq, dk, ldo, scratch);
}
