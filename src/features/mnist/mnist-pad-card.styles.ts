import { css } from 'lit';

export const mnistPadCardStyles = css`
  .pad {
    display: flex;
    flex-wrap: wrap;
    gap: 1.5rem;
    align-items: flex-start;
  }
  .pad .bars {
    min-width: 14rem;
    flex: 1;
  }
`;
