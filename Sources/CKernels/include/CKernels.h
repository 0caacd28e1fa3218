#ifndef MFS_CKERNELS_H
#define MFS_CKERNELS_H
/* Vector kernels for the hot elementwise loops. Each is compiled twice, for
   AVX2 with FMA and for baseline x86-64, and picks one at run time from the
   CPU's features, so one binary runs on any x86-64 machine. */
#include <stddef.h>

/* 1 when the AVX2+FMA variants run on this CPU, else 0. */
int mfs_kernels_use_avx2(void);

/* x[i] = sin(x[i]) for |x| <= 1 (Taylor to x^11). */
void mfs_sin_unit(float *x, size_t n);
/* x[i] = sin(x[i]), c[i] = cos(x[i]) for |x| <= 1. */
void mfs_sincos_unit(float *x, float *c, size_t n);
/* map[i] -= weight * acos(clamp(cosine[i], -bound, bound)). */
void mfs_sub_scaled_acos(float *map, const float *cosine, size_t n, float weight, float bound);
/* Geodesic backward: lambda_grad -= sum dmap*acos(clamped); cosine[i] becomes
   dmap*weight*inside/sqrt(1-clamped^2). Returns the lambda contribution. */
double mfs_acos_backward(const float *dmap, float *cosine, size_t n, float weight, float bound);
/* Softmax of each of `rows` rows of length `t` in place; with causal, row i
   keeps entries 0..i and zeroes the rest. */
void mfs_softmax_rows(float *map, size_t rows, size_t t, int causal);
/* out[i] = gelu(x[i]) (exact erf form); grad[i] = gelu'(x[i]) when grad != NULL. */
void mfs_gelu(const float *x, float *out, float *grad, size_t n);

/* Largest head size the fused Kuramoto kernels take. */
#define MFS_KURAMOTO_MAX_HEAD 16
/* Floats of scratch the fused Kuramoto kernels need for t steps and head size d. */
size_t mfs_kuramoto_scratch(size_t t, size_t d);
/* force[i][m] = sum_j sin(q_i . k_j) k_j[m] over keys j (j <= i when causal);
   q and k rows have stride ld, force rows stride ldf; d <= MFS_KURAMOTO_MAX_HEAD. */
void mfs_kuramoto_force(const float *q, const float *k, size_t ld, size_t t, size_t d, int causal,
                        float *force, size_t ldf, float *scratch);
/* Gradients of that force for dF (rows stride ldf): dq = (dS ⊙ cos C)·k and
   dk = Sᵀ·dF + (dS ⊙ cos C)ᵀ·q with dS = dF·kᵀ, written with row stride ldo. */
void mfs_kuramoto_backward(const float *q, const float *k, size_t ld, const float *df, size_t ldf,
                           size_t t, size_t d, int causal, float *dq, float *dk, size_t ldo,
                           float *scratch);
#endif
