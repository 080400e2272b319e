import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { OffsetPager } from './OffsetPager';

describe('OffsetPager', () => {
  it('says where the page is and moves by a page, never below the first', async () => {
    const onOffset = vi.fn();
    const { rerender } = render(<OffsetPager offset={20} shown={20} count={57} pageSize={20} onOffset={onOffset} />);
    expect(screen.getByRole('navigation', { name: 'Pages' })).toHaveTextContent('21–40 of 57');
    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    await userEvent.click(screen.getByRole('button', { name: 'Previous' }));
    expect(onOffset.mock.calls).toEqual([[40], [0]]);

    rerender(<OffsetPager offset={40} shown={17} count={57} pageSize={20} onOffset={onOffset} />);
    expect(screen.getByRole('button', { name: 'Next' })).toBeDisabled();
    rerender(<OffsetPager offset={0} shown={0} count={0} pageSize={20} onOffset={onOffset} />);
    expect(screen.getByRole('button', { name: 'Previous' })).toBeDisabled();
    expect(screen.getByRole('navigation')).toHaveTextContent('0–0 of 0');
  });
});
